import os from 'node:os';
import {localHostId} from '../host-id.js';
import {probeProcess, type ProcessProbe} from '../liveness.js';
import {type RegistryLocation} from '../location.js';
import {type RegistrySnapshot} from '../read.js';
import {sameJsonValue} from '../same-value.js';
import {type ServerEntry} from '../schema.js';
import {type RegistrySource} from '../watch.js';
import {deleteEntry, writeEntry} from './entry-io.js';
import {defaultLeaseMs, defaultRefreshMs} from './layout.js';
import {
	connectWithin,
	describeRedisError,
	openRedisClient,
	type RedisClient,
	type RedisClientOptions,
} from './redis-client.js';

type RedisLocation = Extract<RegistryLocation, {kind: 'redis'}>;

export type ShareOptions = RedisClientOptions & {
	/** How long to wait for Redis at the start, in ms (default 5 s). */
	connectTimeoutMs?: number;
	/** The address other machines reach this one by (default: the host name). */
	advertise?: string;
	leaseMs?: number;
	refreshMs?: number;
	probe?: (pid: number, procStart?: number) => ProcessProbe;
	/** Told of every change made in Redis, and of errors: for the command's log. */
	report?: (line: string) => void;
};

export type Share = {
	/** The ids mirrored now. */
	mirrored(): string[];
	/** Stops mirroring and removes what it wrote. */
	close(): Promise<void>;
};

const loopbackHosts = new Set([
	'localhost',
	'127.0.0.1',
	'::1',
	'[::1]',
	'0.0.0.0',
	'::',
]);

/** An entry as other machines must see it: reachable at the advertised address, of this host. */
export function sharedEntry(
	entry: ServerEntry,
	advertise: string,
): ServerEntry {
	const host = entry.host ?? 'localhost';
	const local =
		loopbackHosts.has(host.toLowerCase()) || host.startsWith('127.');
	return {
		...entry,
		...(local ? {host: advertise} : {}),
		hostId: entry.hostId ?? localHostId(),
	};
}

/**
`share`: mirrors a local registry (the file, watched) into a Redis team registry. Entries whose
process is alive are written with a lease, renewed every `refreshMs`; an entry that leaves the file,
or whose process ends, is removed (only if Redis still holds our write of it).
*/
export async function shareRegistry(
	source: RegistrySource,
	location: RedisLocation,
	options: ShareOptions = {},
): Promise<Share> {
	const advertise = options.advertise ?? os.hostname();
	const leaseMs = options.leaseMs ?? defaultLeaseMs;
	const probe = options.probe ?? probeProcess;
	const report = options.report ?? (() => undefined);
	const client = await openRedisClient(location.url, options);
	await connectWithin(client, options.connectTimeoutMs ?? 5000, location.label);
	// Heard only once connected: before that, connectWithin says why it could not connect.
	let lastError = '';
	client.on('error', (error: unknown) => {
		const text = describeRedisError(error);
		if (text !== lastError) {
			lastError = text;
			report(`redis: ${text}; retrying`);
		}
	});

	/** What Redis holds from us, by id. */
	const written = new Map<string, ServerEntry>();
	let closed = false;
	let syncing: Promise<void> | undefined;
	let syncAgain = false;

	const wanted = (snapshot: RegistrySnapshot) =>
		new Map(
			snapshot.servers
				.filter((entry) => probe(entry.pid, entry.procStart).alive)
				.map((entry) => [entry.id, sharedEntry(entry, advertise)]),
		);

	async function sync(redis: RedisClient, renew: boolean) {
		const next = wanted(source.current());
		for (const [id, entry] of written) {
			if (!next.has(id)) {
				// eslint-disable-next-line no-await-in-loop
				await deleteEntry(redis, location.prefix, entry);
				written.delete(id);
				report(`removed ${id}`);
			}
		}

		for (const [id, entry] of next) {
			const previous = written.get(id);
			const changed = previous === undefined || !sameJsonValue(previous, entry);
			if (changed || renew) {
				// eslint-disable-next-line no-await-in-loop
				await writeEntry(redis, location.prefix, entry, leaseMs);
				if (changed) {
					report(`${previous === undefined ? 'added' : 'changed'} ${id}`);
				}

				written.set(id, entry);
			}
		}
	}

	/** One sync at a time; a change during one runs another after it. */
	function requestSync(renew = false) {
		if (closed) {
			return;
		}

		if (syncing !== undefined) {
			syncAgain = true;
			return;
		}

		syncing = sync(client, renew)
			.catch((error: unknown) => {
				report(`redis: ${describeRedisError(error)}; will retry`);
			})
			.finally(() => {
				syncing = undefined;
				if (syncAgain) {
					syncAgain = false;
					requestSync();
				}
			});
	}

	const unsubscribe = source.subscribe(() => {
		requestSync();
	});
	// A Redis that restarted empty gets everything again at once.
	client.on('ready', () => {
		requestSync(true);
	});
	const timer = setInterval(() => {
		requestSync(true);
	}, options.refreshMs ?? defaultRefreshMs);
	requestSync(true);

	return {
		mirrored: () => [...written.keys()],
		async close() {
			closed = true;
			clearInterval(timer);
			unsubscribe();
			await syncing;
			for (const entry of written.values()) {
				// eslint-disable-next-line no-await-in-loop
				await deleteEntry(client, location.prefix, entry).catch(
					() => undefined,
				);
			}

			written.clear();
			client.destroy();
		},
	};
}
