import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {safeJsonStringify} from '../safe-json.js';
import {
	probeProcess,
	readProcessStartTime,
	type ProcessProbe,
} from './liveness.js';
import {boundEntryFields, measureJson, registryLimits} from './bounds.js';
import {withFileLockSync, type LockOptions} from './lock.js';
import {describeIssue} from './parse.js';
import {registryDropInFolder, resolveRegistryPath} from './paths.js';
import {readRegularFile} from './regular-file.js';
import {serverEntrySchema, type ServerEntry} from './schema.js';

export type WriteOptions = {
	/** Registry file; default as the CLI resolves it (`SHIPYARD_REGISTRY`, then `~/.shipyard/servers.json`). */
	registryPath?: string;
	lock?: LockOptions;
};

/** The file's parsed content: `servers` as written (entries we cannot parse are kept untouched). */
type FileContent = {servers: unknown[]} & Record<string, unknown>;

/**
Changes the registry file under its lock and replaces it by rename, so no update is lost when many
processes write at once and no reader ever sees a half-written file. The folder is made `0700` and
the file `0600`: entries may hold tokens.
*/
export function updateRegistrySync(
	change: (servers: unknown[]) => unknown[],
	options: WriteOptions = {},
): void {
	const file = options.registryPath ?? resolveRegistryPath();
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	withFileLockSync(
		file,
		() => {
			const content = readForUpdate(file);
			content.servers = change(content.servers);
			writeAtomically(file, safeJsonStringify(content, 2) + '\n');
		},
		options.lock,
	);
}

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

/** Adds (or replaces, by id) a server's entry. */
export function registerServer(
	input: RegistrationInput,
	options: RegisterOptions = {},
): Registration {
	const registryPath = options.registryPath ?? resolveRegistryPath();
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

	const entry = parsed.data;
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

export type PrunedEntry = {
	id: string;
	pid: number;
	reason: Exclude<ProcessProbe, {alive: true}>['reason'];
	file: string;
};

/** Removes every entry whose process is gone; leaves live and unreadable entries alone. */
export function pruneRegistry(options: WriteOptions = {}): PrunedEntry[] {
	const registryPath = options.registryPath ?? resolveRegistryPath();
	const pruned: PrunedEntry[] = [];
	const deadEntry = (raw: unknown, file: string): PrunedEntry | undefined => {
		const parsed = serverEntrySchema.safeParse(raw);
		if (!parsed.success) {
			return undefined;
		}

		const probe = probeProcess(parsed.data.pid, parsed.data.procStart);
		return probe.alive
			? undefined
			: {id: parsed.data.id, pid: parsed.data.pid, reason: probe.reason, file};
	};

	if (fs.existsSync(registryPath)) {
		updateRegistrySync(
			(servers) =>
				servers.filter((raw) => {
					const dead = deadEntry(raw, registryPath);
					if (dead) {
						pruned.push(dead);
					}

					return !dead;
				}),
			{...options, registryPath},
		);
	}

	for (const dropIn of listDropIns(registryPath)) {
		const dead = deadEntry(dropIn.raw, dropIn.file);
		if (dead) {
			fs.rmSync(dropIn.file, {force: true});
			pruned.push(dead);
		}
	}

	return pruned;
}

function readForUpdate(file: string): FileContent {
	const read = readRegularFile(file, {maxBytes: registryLimits.maxFileBytes});
	if (!read.ok && read.missing) {
		return {servers: []};
	}

	if (read.ok) {
		try {
			const value = JSON.parse(read.text) as unknown;
			if (isFileContent(value)) {
				return boundFileContent(value);
			}
		} catch {
			// Not JSON: handled below like any unusable content.
		}
	}

	// Unusable (torn by a writer that does not lock, too big, a FIFO…): keep it under a new name and
	// start a fresh list. A hard link keeps it without reading or writing its content; unlike
	// `copyFileSync` it never follows a link, and it fails rather than replace an existing name.
	try {
		fs.linkSync(file, `${file}.corrupt-${randomBytes(6).toString('hex')}`);
	} catch {
		// Keeping a copy is a courtesy; the registry must still be repaired.
	}

	return {servers: []};
}

/**
Others' entries and fields are kept as written, within the reader's bounds: something nested
thousands deep would make `JSON.stringify` overflow the stack, and no reader keeps it anyway.
*/
function boundFileContent(content: FileContent): FileContent {
	const limits = {
		maxDepth: registryLimits.maxDepth,
		maxBytes: registryLimits.maxFileBytes,
	};
	const bounded: FileContent = {servers: []};
	for (const [key, value] of Object.entries(content)) {
		if (key !== 'servers' && measureJson(value, limits).ok) {
			Object.defineProperty(bounded, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}

	bounded.servers = content.servers
		.map((raw) => boundEntryFields(raw).value)
		.filter(
			(raw) => measureJson(raw, {...limits, maxDepth: limits.maxDepth + 1}).ok,
		);
	return bounded;
}

function isFileContent(value: unknown): value is FileContent {
	return (
		typeof value === 'object' &&
		value !== null &&
		Array.isArray((value as {servers?: unknown}).servers)
	);
}

function writeAtomically(file: string, text: string): void {
	const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		// `wx`: a link planted at the temporary name is never followed.
		fs.writeFileSync(temporary, text, {mode: 0o600, flag: 'wx'});
		fs.renameSync(temporary, file);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

function listDropIns(
	registryPath: string,
): Array<{file: string; raw: unknown}> {
	const folder = registryDropInFolder(registryPath);
	let names: string[];
	try {
		names = fs.readdirSync(folder).filter((name) => name.endsWith('.json'));
	} catch {
		return [];
	}

	const result: Array<{file: string; raw: unknown}> = [];
	for (const name of names) {
		const file = path.join(folder, name);
		const read = readRegularFile(file, {
			maxBytes: registryLimits.maxDropInBytes,
		});
		try {
			if (read.ok) {
				result.push({file, raw: JSON.parse(read.text) as unknown});
			}
		} catch {
			// Unreadable drop-ins are the reader's to report, not ours to delete.
		}
	}

	return result;
}

function idOf(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null
		? (raw as {id?: unknown}).id
		: undefined;
}

function pidOf(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null
		? (raw as {pid?: unknown}).pid
		: undefined;
}
