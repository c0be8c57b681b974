import fs from 'node:fs';
import {readProcessStartTime} from './liveness.js';
import {idOf, listDropIns, pidOf} from './drop-ins.js';
import {describeIssue} from './parse.js';
import {resolveRegistryPath} from './paths.js';
import {serverEntrySchema, type ServerEntry} from './schema.js';
import {updateRegistrySync, type WriteOptions} from './update.js';

export type RegistrationInput = Omit<ServerEntry, 'pid' | 'startedAt'> & {
	pid?: number;
	startedAt?: string;
};

export type Registration = {
	entry: ServerEntry;
	registryPath: string;
	/** Removes the entry (only if it is still ours: same id and pid). Safe to call twice. */
	unregister(): void;
};

export type RegisterOptions = WriteOptions & {
	/**
	Unregister on process exit, SIGINT and SIGTERM (default true). A signal with no other listener
	still ends the process as it would have without us.
	*/
	unregisterOnExit?: boolean;
};

/**
The entry a registration writes: the input with this process's pid, start time and Linux process
start time filled in, checked against the schema (a bad field throws, naming it).
*/
export function checkedEntry(input: RegistrationInput): ServerEntry {
	const pid = input.pid ?? process.pid;
	const procStart = input.procStart ?? readProcessStartTime(pid);
	const parsed = serverEntrySchema.safeParse({
		...input,
		pid,
		startedAt: input.startedAt ?? new Date().toISOString(),
		...(procStart === undefined ? {} : {procStart}),
	});
	if (!parsed.success) {
		const issue = describeIssue(parsed.error);
		throw new Error(
			`cannot register "${String(input.id)}": ${issue.field === undefined ? '' : `${issue.field} `}${issue.message}`,
		);
	}

	return parsed.data;
}

/** Adds (or replaces, by id) a server's entry. */
export function registerServer(
	input: RegistrationInput,
	options: RegisterOptions = {},
): Registration {
	const registryPath = options.registryPath ?? resolveRegistryPath();
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

	return {entry, registryPath, unregister};
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
