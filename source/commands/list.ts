import {ageMs, formatDuration} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {displayAddress} from '../core/registry/address.js';
import {isLocalEntry} from '../core/registry/host-id.js';
import {
	formatWarning,
	probeProcess,
	readRegistry,
	type ProcessProbe,
	type RegistrySnapshot,
} from '../core/registry/index.js';
import {readRegistryOnce, registryCa} from '../core/registry/open-registry.js';
import {isRegistryUrl} from '../core/registry/paths.js';
import {redactEntry} from '../core/redact.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {renderTextTable} from '../core/text-table.js';

export type ListOptions = {
	registryPath: string;
	/** Registry entries listed (`--max-servers`). */
	maxServers?: number;
	/** `--ca`: authorities for a `rediss://` registry. */
	tlsCa?: string[];
	json: boolean;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/**
`shipyard-tui list`: the registry once, with liveness. Warnings go to stderr. A file is read at once
(no promise); a team registry is asked over the network.
*/
export function runList(options: ListOptions): number | Promise<number> {
	if (isRegistryUrl(options.registryPath)) {
		return readRegistryOnce(options.registryPath, {
			maxServers: options.maxServers,
			...registryCa(options.tlsCa),
		}).then((snapshot) => printList(snapshot, options));
	}

	return printList(
		readRegistry(options.registryPath, {maxServers: options.maxServers}),
		options,
	);
}

function printList(snapshot: RegistrySnapshot, options: ListOptions): number {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const now = Date.now();
	// Another machine's pid says nothing here: such an entry lives while its lease does.
	const servers = snapshot.servers.map((entry) => {
		const probe: ProcessProbe = isLocalEntry(entry)
			? probeProcess(entry.pid, entry.procStart)
			: {alive: true};
		return {entry, probe};
	});
	if (
		snapshot.backend !== undefined &&
		snapshot.backend.loadedAt === undefined
	) {
		stderr.write(
			`shipyard-tui list: ${sanitizeLabel(snapshot.path, 500)} did not answer${snapshot.backend.error === undefined ? '' : ` (${sanitizeLabel(snapshot.backend.error, 200)})`}\n`,
		);
		return 1;
	}

	if (options.json) {
		stdout.write(
			// Safe JSON: ids, names and meta from the registry may hold C1 or bidi controls.
			safeJsonStringify({
				registry: snapshot.path,
				servers: servers.map(({entry, probe}) => ({
					// Tokens and other secret-named fields: say that there is one, never what it is.
					...redactEntry(entry),
					status: probe.alive ? 'alive' : 'stale',
					...(probe.alive ? {} : {staleReason: probe.reason}),
				})),
				warnings: snapshot.warnings.map((warning) => ({
					...warning,
					text: formatWarning(warning),
				})),
			}) + '\n',
		);
	} else if (servers.length === 0) {
		stdout.write(
			`No servers in ${sanitizeLabel(snapshot.path, 500)}${snapshot.file === 'missing' ? ' (the file does not exist yet)' : ''}.\n`,
		);
	} else {
		const rows = servers.map(({entry, probe}) => [
			sanitizeLabel(entry.name ?? entry.id, 60),
			sanitizeLabel(displayAddress(entry), 60),
			String(entry.pid),
			formatDuration(ageMs(entry.startedAt, now) ?? Number.NaN),
			probe.alive ? 'alive' : `stale (${probe.reason})`,
		]);
		stdout.write(
			renderTextTable(['ID', 'ADDRESS', 'PID', 'AGE', 'STATUS'], rows) + '\n',
		);
	}

	for (const warning of snapshot.warnings) {
		stderr.write(`warning: ${sanitizeLabel(formatWarning(warning), 1000)}\n`);
	}

	return 0;
}
