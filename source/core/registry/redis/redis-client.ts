import {rootCertificates} from 'node:tls';
import type {createClient} from '@redis/client';

export type RedisClient = ReturnType<typeof createClient>;
type Create = typeof createClient;

export type RedisClientOptions = {
	/** Extra certificate authorities for `rediss://` (`--ca`), added to the system's. */
	ca?: Array<string | Buffer>;
	/** Longest wait between reconnects, in ms (default 1000: a restarted Redis is found fast). */
	reconnectCapMs?: number;
};

/**
A client of the `url` of a checked location (location.ts). The library is loaded here, on first use,
so the file registry never pays for it. Reconnects forever, quickly (50 ms doubling to a 1 s cap):
the team registry is worth a retry a second, and a restarted Redis must be seen within seconds.
*/
export async function openRedisClient(
	url: string,
	options: RedisClientOptions = {},
): Promise<RedisClient> {
	const library: {createClient?: Create; default?: {createClient: Create}} =
		await import('@redis/client');
	// The library is CommonJS: bundled, its exports may sit on `default`.
	const create = library.createClient ?? library.default!.createClient;
	const capMs = options.reconnectCapMs ?? 1000;
	const tls = url.startsWith('rediss:');
	return create({
		url,
		socket: {
			connectTimeout: 5000,
			reconnectStrategy: (retries: number) =>
				Math.min(capMs, 50 * 2 ** Math.min(retries, 10)),
			...(tls && options.ca !== undefined && options.ca.length > 0
				? // `ca` replaces Node's list of authorities: the extra ones are added to it.
					{tls: true as const, ca: [...rootCertificates, ...options.ca]}
				: {}),
		},
		// A command sent while Redis is away fails at once instead of queueing without bound.
		disableOfflineQueue: true,
	});
}

/** Reads `keys` in batches: one MGET of thousands of keys would hold Redis for everybody else. */
export async function readKeys(
	client: RedisClient,
	keys: string[],
	batch = 500,
): Promise<Array<string | undefined>> {
	const values: Array<string | undefined> = [];
	for (let start = 0; start < keys.length; start += batch) {
		// eslint-disable-next-line no-await-in-loop
		const part = await client.mGet(keys.slice(start, start + batch));
		for (const value of part) {
			values.push(typeof value === 'string' ? value : undefined);
		}
	}

	return values;
}

// Which of the given keys no longer exist: the lease check asks this every second, and the answer
// is a few names instead of every entry's JSON.
const missingKeysScript = `local gone = {} for _, key in ipairs(KEYS) do if redis.call('EXISTS', key) == 0 then gone[#gone + 1] = key end end return gone`;

/** The keys of `keys` that Redis no longer has, asked in batches. */
export async function missingKeys(
	client: RedisClient,
	keys: string[],
	batch = 500,
): Promise<Set<string>> {
	const gone = new Set<string>();
	for (let start = 0; start < keys.length; start += batch) {
		// eslint-disable-next-line no-await-in-loop
		const reply = await client.eval(missingKeysScript, {
			keys: keys.slice(start, start + batch),
		});
		if (Array.isArray(reply)) {
			for (const key of reply) {
				if (typeof key === 'string') {
					gone.add(key);
				}
			}
		}
	}

	return gone;
}

/** An error as one short line, for the header ("unreachable since …: connection refused"). */
export function describeRedisError(error: unknown): string {
	const code =
		typeof error === 'object' && error !== null && 'code' in error
			? String(error.code)
			: undefined;
	if (code === 'ECONNREFUSED') {
		return 'connection refused';
	}

	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return 'host not found';
	}

	const message = error instanceof Error ? error.message : String(error);
	if (message === 'Socket closed unexpectedly') {
		return 'connection lost';
	}

	return (code === undefined ? message : `${code}: ${message}`).slice(0, 200);
}

/**
Connects, or gives up after `ms` (the client would retry forever) with "cannot reach <label>" and
the reason: a command started by a person must say why it cannot go on.
*/
export async function connectWithin(
	client: RedisClient,
	ms: number,
	label: string,
): Promise<void> {
	let lastError: unknown;
	const remember = (error: unknown) => {
		lastError = error;
	};

	client.on('error', remember);
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			client.destroy();
			const why =
				lastError === undefined
					? `no answer within ${ms} ms`
					: describeRedisError(lastError);
			reject(new Error(`cannot reach ${label}: ${why}`));
		}, ms);
	});
	try {
		await Promise.race([client.connect(), timeout]);
	} finally {
		clearTimeout(timer);
		client.off('error', remember);
	}
}
