import {localHostId} from '../host-id.js';
import {type RegistryLocation} from '../location.js';
import {checkedEntry, type RegistrationInput} from '../checked-entry.js';
import {type ServerEntry} from '../schema.js';
import {deleteEntry, writeEntry} from './entry-io.js';
import {defaultLeaseMs, defaultRefreshMs} from './layout.js';
import {
	connectWithin,
	openRedisClient,
	type RedisClient,
	type RedisClientOptions,
} from './redis-client.js';

type RedisLocation = Extract<RegistryLocation, {kind: 'redis'}>;

export type RedisRegisterOptions = RedisClientOptions & {
	/** The key's TTL, in ms (default 15 s). */
	leaseMs?: number;
	/** How often the lease is renewed, in ms (default 5 s). */
	refreshMs?: number;
	/** How long to wait for Redis before giving up on the first write, in ms (default 5 s). */
	connectTimeoutMs?: number;
	/**
	Remove the entry on SIGINT and SIGTERM (default true); a signal with no other listener still ends
	the process. On any other end the lease runs out instead.
	*/
	unregisterOnExit?: boolean;
};

export type RedisRegistration = {
	entry: ServerEntry;
	/** Stops renewing and deletes the key, if it still holds our entry. Safe to call twice. */
	unregister(): Promise<void>;
};

/**
Registers in a Redis team registry (layout.ts): writes the entry with a lease, announces it, and
renews the lease until `unregister`. Renewing writes the whole entry, so a Redis that restarted
empty has it back at the next renewal, or at once when the client reconnects.
*/
export async function registerRedisServer(
	location: RedisLocation,
	input: RegistrationInput,
	options: RedisRegisterOptions = {},
): Promise<RedisRegistration> {
	const entry = checkedEntry({hostId: localHostId(), ...input});
	const leaseMs = options.leaseMs ?? defaultLeaseMs;
	const client = await openRedisClient(location.url, options);
	client.on('error', () => undefined);

	const write = async (redis: RedisClient) =>
		writeEntry(redis, location.prefix, entry, leaseMs);

	await connectWithin(client, options.connectTimeoutMs ?? 5000, location.label);
	await write(client);

	let registered = true;
	client.on('ready', () => {
		if (registered) {
			write(client).catch(() => undefined);
		}
	});
	const timer = setInterval(() => {
		write(client).catch(() => undefined);
	}, options.refreshMs ?? defaultRefreshMs);
	timer.unref();

	const detach =
		options.unregisterOnExit === false
			? () => undefined
			: onSignals(unregister);

	async function unregister() {
		if (!registered) {
			return;
		}

		registered = false;
		clearInterval(timer);
		detach();
		try {
			await deleteEntry(client, location.prefix, entry);
		} catch {
			// Redis is away: the lease ends the entry instead.
		} finally {
			client.destroy();
		}
	}

	return {entry, unregister};
}

function onSignals(unregister: () => Promise<void>): () => void {
	const onSignal = (signal: NodeJS.Signals) => {
		// At most a second for Redis: a stopped server must not hang on its registry.
		void Promise.race([
			unregister(),
			new Promise((resolve) => {
				setTimeout(resolve, 1000).unref();
			}),
		]).finally(() => {
			if (process.listenerCount(signal) === 0) {
				process.kill(process.pid, signal);
			}
		});
	};

	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	return () => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	};
}
