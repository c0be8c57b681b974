import fs from 'node:fs';
import {checkedEntry, type RegistrationInput} from './checked-entry.js';
import {idOf, listDropIns, pidOf} from './drop-ins.js';
import {localHostId} from './host-id.js';
import {parseRegistryUrl} from './location.js';
import {isRegistryUrl, resolveRegistryPath} from './paths.js';
import {
	registerRedisServer,
	type RedisRegisterOptions,
} from './redis/register-redis.js';
import {type ServerEntry} from './schema.js';
import {updateRegistrySync, type WriteOptions} from './update.js';

export {checkedEntry, type RegistrationInput} from './checked-entry.js';

export type Registration = {
	entry: ServerEntry;
	/** The registry file, or the team registry's URL without secrets. */
	registryPath: string;
	/**
	Resolves once the entry is written: at once for a file (written before `registerServer`
	returns); for a team registry when Redis has it, rejecting if Redis cannot be reached.
	*/
	ready: Promise<void>;
	/** Removes the entry (only if it is still ours: same id and pid). Safe to call twice. */
	unregister(): void;
};

export type RegisterOptions = WriteOptions &
	Omit<RedisRegisterOptions, 'unregisterOnExit'> & {
		/**
		A team registry (`redis://…`, `rediss://…`) to register in instead of the file; the entry
		is written with a lease that is renewed while the process runs.
		*/
		registry?: string;
		/**
		Unregister on process exit, SIGINT and SIGTERM (default true). A signal with no other listener
		still ends the process as it would have without us. (A team registry's entry ends with its
		lease on other exits.)
		*/
		unregisterOnExit?: boolean;
	};

/** Adds (or replaces, by id) a server's entry. */
export function registerServer(
	input: RegistrationInput,
	options: RegisterOptions = {},
): Registration {
	if (options.registry !== undefined && isRegistryUrl(options.registry)) {
		return registerInTeamRegistry(options.registry, input, options);
	}

	const registryPath =
		options.registryPath ?? options.registry ?? resolveRegistryPath();
	const entry = checkedEntry(input);
	updateRegistrySync(
		(servers) => [...servers.filter((raw) => idOf(raw) !== entry.id), entry],
		{...options, registryPath},
	);

	let registered = true;
	const detach =
		options.unregisterOnExit === false ? () => undefined : attachExitHandlers();
	function unregister() {
		if (!registered) {
			return;
		}

		registered = false;
		detach();
		unregisterServer(entry.id, {...options, registryPath, pid: entry.pid});
	}

	function attachExitHandlers(): () => void {
		const onExit = () => {
			unregister();
		};

		const onSignal = (signal: NodeJS.Signals) => {
			unregister();
			// Nobody else handles it: end the process the way the signal would have.
			if (process.listenerCount(signal) === 0) {
				process.kill(process.pid, signal);
			}
		};

		process.once('exit', onExit);
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		return () => {
			process.off('exit', onExit);
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		};
	}

	return {entry, registryPath, unregister, ready: Promise.resolve()};
}

function registerInTeamRegistry(
	registry: string,
	input: RegistrationInput,
	options: RegisterOptions,
): Registration {
	const parsed = parseRegistryUrl(registry);
	if (!parsed.ok || parsed.location.kind !== 'redis') {
		throw new Error(
			parsed.ok
				? `cannot register in ${parsed.location.label}: only redis:// and rediss:// registries take registrations`
				: parsed.message,
		);
	}

	const given: unknown = input;
	// Plain JavaScript can pass anything: only an object gets our hostId; checkedEntry refuses the rest.
	const withHost =
		typeof given === 'object' && given !== null && !Array.isArray(given)
			? {hostId: localHostId(), ...input}
			: input;
	const entry = checkedEntry(withHost);
	const pending = registerRedisServer(parsed.location, entry, options);
	// A caller that never looks at `ready` must not get an unhandled rejection.
	pending.catch(() => undefined);
	let unregistered = false;
	return {
		entry,
		registryPath: parsed.location.label,
		ready: pending.then(() => undefined),
		unregister() {
			if (!unregistered) {
				unregistered = true;
				void pending.then(
					async (registration) => registration.unregister(),
					() => undefined,
				);
			}
		},
	};
}

/** Removes entries with this id (and this pid, when given) from the file and `servers.d/`. */
export function unregisterServer(
	id: string,
	options: WriteOptions & {pid?: number} = {},
): void {
	const registryPath = options.registryPath ?? resolveRegistryPath();
	const matches = (raw: unknown) =>
		idOf(raw) === id &&
		(options.pid === undefined || pidOf(raw) === options.pid);
	if (fs.existsSync(registryPath)) {
		updateRegistrySync((servers) => servers.filter((raw) => !matches(raw)), {
			...options,
			registryPath,
		});
	}

	for (const dropIn of listDropIns(registryPath)) {
		if (matches(dropIn.raw)) {
			fs.rmSync(dropIn.file, {force: true});
		}
	}
}
