import fs from 'node:fs';
import path from 'node:path';
import {registryLimits} from './bounds.js';
import {parseDropInText, parseRegistryText} from './parse.js';
import {registryDropInFolder} from './paths.js';
import {permissionWarnings} from './permissions.js';
import {readRegularFile} from './regular-file.js';
import {type ServerEntry} from './schema.js';
import {type RegistryWarning} from './warnings.js';

/** What the registry says at one moment: the good entries and every problem found. */
export type RegistrySnapshot = {
	/** The registry file this snapshot was read from. */
	path: string;
	/** Good entries, file first then `servers.d/` by file name; first of a duplicate id wins. */
	servers: ServerEntry[];
	warnings: RegistryWarning[];
	/** State of the main file: `stale` means it is broken and its last good list is shown. */
	file: 'ok' | 'missing' | 'stale';
};

export type RegistryReaderOptions = {
	/** Entries acted on; more get a warning (default 256, the `--max-servers` flag). */
	maxServers?: number;
	/** Largest `servers.json` read, in bytes (default 8 MiB). */
	maxFileBytes?: number;
	/** Largest `servers.d/*.json` read, in bytes (default 1 MiB). */
	maxDropInBytes?: number;
};

export type RegistryReader = {
	/** Reads the file and `servers.d/` now, falling back to the last good content of broken files. */
	read(): RegistrySnapshot;
};

/**
A reader with memory: while a file is half-written or broken, its last good entries are kept and a
warning says so; the next good write replaces them. Readers never need locks because our writers
replace files by rename.
*/
export function createRegistryReader(
	registryPath: string,
	options: RegistryReaderOptions = {},
): RegistryReader {
	const limits = {
		maxServers: options.maxServers ?? registryLimits.maxServers,
		maxFileBytes: options.maxFileBytes ?? registryLimits.maxFileBytes,
		maxDropInBytes: options.maxDropInBytes ?? registryLimits.maxDropInBytes,
	};
	let lastGoodFile: ServerEntry[] = [];
	// Counts behind the entry-limit warning, for the file's last good content.
	let lastOmitted = 0;
	let lastTotal = 0;
	const lastGoodDropIns = new Map<string, ServerEntry>();

	return {
		read() {
			const warnings: RegistryWarning[] = [];
			const main = readMainFile(registryPath, limits);
			warnings.push(...permissionWarnings(registryPath, main.stats));
			let fileState: RegistrySnapshot['file'];
			if (main.state === 'ok') {
				lastGoodFile = main.servers;
				lastOmitted = main.omitted;
				lastTotal = main.total;
				warnings.push(...main.warnings);
				fileState = 'ok';
			} else if (main.state === 'missing') {
				lastGoodFile = [];
				lastOmitted = 0;
				lastTotal = 0;
				fileState = 'missing';
			} else {
				warnings.push(withFallbackNote(main.warning, lastGoodFile.length));
				fileState = 'stale';
			}

			const dropIns = readDropIns(
				registryDropInFolder(registryPath),
				lastGoodDropIns,
				warnings,
				limits,
			);
			const merged = mergeUnique(
				[
					...lastGoodFile.map((entry) => ({entry, file: registryPath})),
					...dropIns.entries,
				],
				warnings,
			);
			const servers = merged.slice(0, limits.maxServers);
			if (merged.length > servers.length || lastOmitted + dropIns.omitted > 0) {
				warnings.push({
					file: registryPath,
					message: `${lastTotal + dropIns.total} entries; acting on the first ${servers.length} (raise with --max-servers)`,
				});
			}

			return {path: registryPath, servers, warnings, file: fileState};
		},
	};
}

/** Reads the registry once. */
export function readRegistry(
	registryPath: string,
	options: RegistryReaderOptions = {},
): RegistrySnapshot {
	return createRegistryReader(registryPath, options).read();
}

type Limits = Required<RegistryReaderOptions>;

type MainFile = {stats?: fs.Stats} & (
	| {
			state: 'ok';
			servers: ServerEntry[];
			warnings: RegistryWarning[];
			omitted: number;
			total: number;
	  }
	| {state: 'missing'}
	| {state: 'broken'; warning: RegistryWarning}
);

function readMainFile(file: string, limits: Limits): MainFile {
	const read = readRegularFile(file, {maxBytes: limits.maxFileBytes});
	if (!read.ok) {
		return read.missing
			? {state: 'missing'}
			: {state: 'broken', warning: {file, message: read.problem}};
	}

	const parsed = parseRegistryText(read.text, file, {
		maxServers: limits.maxServers,
	});
	return parsed.ok
		? {
				state: 'ok',
				servers: parsed.servers,
				warnings: parsed.warnings,
				omitted: parsed.omitted,
				total: parsed.total,
				stats: read.stats,
			}
		: {state: 'broken', warning: parsed.warning, stats: read.stats};
}

function readDropIns(
	folder: string,
	lastGood: Map<string, ServerEntry>,
	warnings: RegistryWarning[],
	limits: Limits,
): {
	entries: Array<{entry: ServerEntry; file: string}>;
	omitted: number;
	total: number;
} {
	let names: string[];
	try {
		names = fs
			.readdirSync(folder)
			.filter((name) => name.endsWith('.json') && !name.startsWith('.'))
			.toSorted();
	} catch (error) {
		if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') {
			warnings.push({file: folder, message: describeIoError(error)});
		}

		lastGood.clear();
		return {entries: [], omitted: 0, total: 0};
	}

	const present = new Set(names);
	for (const name of lastGood.keys()) {
		if (!present.has(name)) {
			lastGood.delete(name);
		}
	}

	// Files past the entry limit are counted, not read: ten thousand drop-ins cost no more than 256.
	const read = names.slice(0, limits.maxServers);
	const result: Array<{entry: ServerEntry; file: string}> = [];
	for (const name of read) {
		const file = path.join(folder, name);
		const content = readRegularFile(file, {maxBytes: limits.maxDropInBytes});
		if (!content.ok && content.missing) {
			// Removed between readdir and read: it is simply gone.
			lastGood.delete(name);
			continue;
		}

		const parsed = content.ok
			? parseDropInText(content.text, file)
			: ({ok: false, warning: {file, message: content.problem}} as const);
		if (parsed.ok) {
			lastGood.set(name, parsed.entry);
			warnings.push(...parsed.warnings);
			result.push({entry: parsed.entry, file});
			continue;
		}

		const previous = lastGood.get(name);
		warnings.push(withFallbackNote(parsed.warning, previous ? 1 : 0));
		if (previous) {
			result.push({entry: previous, file});
		}
	}

	return {
		entries: result,
		omitted: names.length - read.length,
		total: names.length,
	};
}

function mergeUnique(
	candidates: Array<{entry: ServerEntry; file: string}>,
	warnings: RegistryWarning[],
): ServerEntry[] {
	const firstFile = new Map<string, string>();
	const servers: ServerEntry[] = [];
	for (const {entry, file} of candidates) {
		const earlier = firstFile.get(entry.id);
		if (earlier === undefined) {
			firstFile.set(entry.id, file);
			servers.push(entry);
		} else {
			warnings.push({
				file,
				entryId: entry.id,
				message: `duplicate id, already registered${earlier === file ? ' earlier in this file' : ` in ${earlier}`}; ignored`,
			});
		}
	}

	return servers;
}

function withFallbackNote(
	warning: RegistryWarning,
	keptEntries: number,
): RegistryWarning {
	return keptEntries > 0
		? {
				...warning,
				message: `${warning.message}; showing its last good content (${keptEntries} ${keptEntries === 1 ? 'entry' : 'entries'})`,
			}
		: warning;
}

export function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error
		? String(error.code)
		: undefined;
}

/** Why `servers.d` cannot be listed (listing a file is ENOTDIR, never EISDIR). */
function describeIoError(error: unknown): string {
	const code = errorCode(error);
	if (code === 'EACCES' || code === 'EPERM') {
		return 'cannot be read (permission denied)';
	}

	return error instanceof Error ? error.message : String(error);
}
