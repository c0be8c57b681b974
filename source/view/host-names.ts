import {type ServerEntry} from '../core/registry/schema.js';

/**
The machine a server runs on, as people know it: the name part of its `hostId` ("build-box" of
"build-box/0123456789ab"); undefined for an entry that names none (a local file's).
*/
export function hostName(
	entry: Pick<ServerEntry, 'hostId'>,
): string | undefined {
	return entry.hostId?.split('/')[0];
}

/** Server id → machine name, for the filter's `host=` terms. */
export function hostLookup(
	servers: ReadonlyArray<{id: string; entry: Pick<ServerEntry, 'hostId'>}>,
): (serverId: string) => string | undefined {
	const names = new Map(
		servers.map((server) => [server.id, hostName(server.entry)]),
	);
	return (serverId) => names.get(serverId);
}
