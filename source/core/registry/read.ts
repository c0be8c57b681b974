import type fs from 'node:fs';
import {registryLimits} from './bounds.js';
import {parseRegistryText} from './parse.js';
import {registryDropInFolder} from './paths.js';
import {permissionWarnings} from './permissions.js';
import {readDropIns, withFallbackNote} from './read-drop-ins.js';
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
	/** A registry served by something other than a file (Redis, HTTP): what it is, and its state. */
	backend?: RegistryBackend;
};

export type RegistryBackend = {
	kind: 'redis' | 'http';
	/** The location without secrets, as shown. */
	label: string;
	/** `unreachable`: the last good list is shown, and `error` says why. */
	state: 'connecting' | 'connected' | 'unreachable';
	/** When the state began, in ms since the epoch. */
	since: number;
	error?: string;
	/** When the whole registry was last read (ms since the epoch); none yet while connecting. */
	loadedAt?: number;
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
