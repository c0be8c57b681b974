import {registryLimits} from '../bounds.js';
import {type RegistryLocation} from '../location.js';
import {parseDropInText} from '../parse.js';
import {createRemoteSnapshots} from '../remote-snapshots.js';
import {type ServerEntry} from '../schema.js';
import {type RegistryWarning} from '../warnings.js';
import {type RegistrySource} from '../watch.js';
import {
	changesChannel,
	idOfKey,
	serverKey,
	serverKeyPattern,
} from './layout.js';
import {
	describeRedisError,
	missingKeys,
	openRedisClient,
	readKeys,
	type RedisClient,
	type RedisClientOptions,
} from './redis-client.js';

export type RedisWatchOptions = RedisClientOptions & {
	/** Entries acted on (`--max-servers`, default 256); more get a warning. */
	maxServers?: number;
	/** How often known keys are read again to notice leases that lapsed, in ms (default 1000). */
	leaseCheckMs?: number;
	now?: () => number;
};

type RedisLocation = Extract<RegistryLocation, {kind: 'redis'}>;

/** Lapsed leases remembered for the warning line, at most this many. */
const maxExpiredNotes = 50;

/**
The registry in Redis (layout.ts): SCAN on every (re)connect of either connection, then the ids
announced on the channel, each read from its key. Keys whose lease lapses send no announcement, so
the known keys are read again every `leaseCheckMs`. While Redis is away the last list stays, and the
snapshot's `backend` says since when it is unreachable.
*/
export function watchRedisRegistry(
	location: RedisLocation,
	options: RedisWatchOptions = {},
): RegistrySource {
	const now = options.now ?? Date.now;
	const maxServers = options.maxServers ?? registryLimits.maxServers;
	const entries = new Map<string, ServerEntry>();
	const problems = new Map<string, RegistryWarning[]>();
	const expired = new Map<string, RegistryWarning>();
	let closed = false;
	let client: RedisClient | undefined;
	let subscriber: RedisClient | undefined;
	let leaseTimer: NodeJS.Timeout | undefined;
	const announced = new Set<string>();
	let announceScheduled = false;
	let resyncing: Promise<void> | undefined;
	let resyncAgain = false;

	function read() {
		const servers = [...entries.values()].toSorted((a, b) =>
			a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
		);
		const warnings = [...problems.values()].flat();
		if (servers.length > maxServers) {
			warnings.push({
				file: location.label,
				message: `${servers.length - maxServers} more servers than --max-servers ${maxServers}; not shown`,
			});
		}

		return {
			servers: servers.slice(0, maxServers),
			warnings: [...warnings, ...expired.values()],
		};
	}

	const snapshots = createRemoteSnapshots({
		kind: 'redis',
		label: location.label,
		now,
		read,
	});
	const {publish, setState} = snapshots;

	/** One key's value applied: parsed like a `servers.d/` file; gone when there is none. */
	function apply(id: string, value: string | undefined) {
		const key = serverKey(location.prefix, id);
		problems.delete(id);
		if (value === undefined) {
			entries.delete(id);
			return;
		}

		expired.delete(id);
		if (value.length > registryLimits.maxDropInBytes) {
			entries.delete(id);
			problems.set(id, [
				{
					file: key,
					message: `value is larger than ${registryLimits.maxDropInBytes / 1024} KiB; skipped`,
				},
			]);
			return;
		}

		const parsed = parseDropInText(value, key);
		if (!parsed.ok) {
			entries.delete(id);
			problems.set(id, [parsed.warning]);
			return;
		}

		if (parsed.entry.id !== id) {
			entries.delete(id);
			problems.set(id, [
				{
					file: key,
					entryId: parsed.entry.id,
					message: 'its id differs from the id in its key; skipped',
				},
			]);
			return;
		}

		entries.set(id, parsed.entry);
		if (parsed.warnings.length > 0) {
			problems.set(id, parsed.warnings);
		}
	}

	/** The whole picture again: what is not in Redis now is not shown, whatever was announced. */
	async function resync(redis: RedisClient) {
		const ids: string[] = [];
		// Bounded: a registry that is not ours (a prefix shared by mistake) cannot hold the monitor.
		const limit = maxServers * 4 + 1000;
		for await (const keys of redis.scanIterator({
			MATCH: serverKeyPattern(location.prefix),
			COUNT: 1000,
		})) {
			for (const key of keys) {
				const id = idOfKey(location.prefix, String(key));
				if (id !== undefined && ids.length < limit) {
					ids.push(id);
				}
			}
		}

		const values = await readKeys(
			redis,
			ids.map((id) => serverKey(location.prefix, id)),
		);
		const seen = new Set(ids);
		for (const id of entries.keys()) {
			if (!seen.has(id)) {
				entries.delete(id);
			}
		}

		for (const id of problems.keys()) {
			if (!seen.has(id)) {
				problems.delete(id);
			}
		}

		for (const [index, id] of ids.entries()) {
			apply(id, values[index]);
		}

		snapshots.loaded();
		publish();
	}

	function requestResync() {
		// The main client's 'ready' asks again once it can read.
		if (closed || !client?.isReady) {
			return;
		}

		if (resyncing !== undefined) {
			resyncAgain = true;
			return;
		}

		const redis = client;
		resyncing = resync(redis)
			.catch(() => {
				// The connection's own 'error' event says when Redis is away; otherwise try again soon.
				setTimeout(requestResync, 1000).unref();
			})
			.finally(() => {
				resyncing = undefined;
				if (resyncAgain) {
					resyncAgain = false;
					requestResync();
				}
			});
	}

	function onAnnouncement(message: string) {
		// An id is at most 200 characters (schema.ts); anything longer is not one of ours.
		if (message.length === 0 || message.length > 200 || closed) {
			return;
		}

		announced.add(message);
		if (!announceScheduled) {
			announceScheduled = true;
			// A burst of announcements is read with one MGET.
			setImmediate(readAnnounced);
		}
	}

	function readAnnounced() {
		announceScheduled = false;
		const ids = [...announced];
		announced.clear();
		if (client === undefined || closed || ids.length === 0) {
			return;
		}

		readKeys(
			client,
			ids.map((id) => serverKey(location.prefix, id)),
		).then(
			(values) => {
				for (const [index, id] of ids.entries()) {
					apply(id, values[index]);
				}

				publish();
			},
			() => {
				// Redis went away: the reconnect's resync reads them.
			},
		);
	}

	/** Keys that lapsed send no announcement: read the known ones again. */
	function checkLeases() {
		if (
			client === undefined ||
			closed ||
			snapshots.backend().state !== 'connected' ||
			entries.size === 0
		) {
			return;
		}

		const ids = [...entries.keys()];
		missingKeys(
			client,
			ids.map((id) => serverKey(location.prefix, id)),
		).then(
			(gone) => {
				for (const id of ids) {
					if (gone.has(serverKey(location.prefix, id)) && entries.has(id)) {
						entries.delete(id);
						noteExpired(id);
					}
				}

				publish();
			},
			() => undefined,
		);
	}

	function noteExpired(id: string) {
		expired.delete(id);
		expired.set(id, {
			file: serverKey(location.prefix, id),
			entryId: id,
			message: 'lease expired; removed',
		});
		if (expired.size > maxExpiredNotes) {
			expired.delete(expired.keys().next().value!);
		}
	}

	async function start() {
		const redis = await openRedisClient(location.url, options);
		if (closed) {
			return;
		}

		client = redis;
		redis.on('error', (error: unknown) => {
			setState('unreachable', describeRedisError(error));
		});
		redis.on('ready', () => {
			setState('connected');
			requestResync();
		});
		subscriber = redis.duplicate();
		subscriber.on('error', () => undefined);
		// Announcements missed while the subscriber was away are caught by reading everything again.
		subscriber.on('ready', requestResync);
		await Promise.all([redis.connect(), subscriber.connect()]);
		await subscriber.subscribe(changesChannel(location.prefix), (message) => {
			onAnnouncement(String(message));
		});
		// Announcements made before the subscription began are in this read.
		requestResync();
		leaseTimer = setInterval(checkLeases, options.leaseCheckMs ?? 1000);
		leaseTimer.unref();
	}

	const started = start().catch((error: unknown) => {
		if (!closed) {
			setState('unreachable', describeRedisError(error));
		}
	});

	return {
		current: snapshots.current,
		subscribe: snapshots.subscribe,
		async close() {
			closed = true;
			clearInterval(leaseTimer);
			snapshots.clear();
			subscriber?.destroy();
			client?.destroy();
			await started;
			subscriber?.destroy();
			client?.destroy();
		},
	};
}
