import fs from 'node:fs';
import path from 'node:path';
import {parseDropInText, parseRegistryText} from './parse.js';
import {registryDropInFolder} from './paths.js';
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

export type RegistryReader = {
	/** Reads the file and `servers.d/` now, falling back to the last good content of broken files. */
	read(): RegistrySnapshot;
};

/**
A reader with memory: while a file is half-written or broken, its last good entries are kept and a
warning says so; the next good write replaces them. Readers never need locks because our writers
replace files by rename.
*/
export function createRegistryReader(registryPath: string): RegistryReader {
	let lastGoodFile: ServerEntry[] = [];
	const lastGoodDropIns = new Map<string, ServerEntry>();

	return {
		read() {
			const warnings: RegistryWarning[] = [];
			const main = readMainFile(registryPath);
			let fileState: RegistrySnapshot['file'];
			if (main.state === 'ok') {
				lastGoodFile = main.servers;
				warnings.push(...main.warnings);
				fileState = 'ok';
			} else if (main.state === 'missing') {
				lastGoodFile = [];
				fileState = 'missing';
			} else {
				warnings.push(withFallbackNote(main.warning, lastGoodFile.length));
				fileState = 'stale';
			}

			const dropIns = readDropIns(
				registryDropInFolder(registryPath),
				lastGoodDropIns,
				warnings,
			);
			const servers = mergeUnique(
				[
					...lastGoodFile.map((entry) => ({entry, file: registryPath})),
					...dropIns,
				],
				warnings,
			);
			return {path: registryPath, servers, warnings, file: fileState};
		},
	};
}

/** Reads the registry once. */
export function readRegistry(registryPath: string): RegistrySnapshot {
	return createRegistryReader(registryPath).read();
}

type MainFile =
	| {state: 'ok'; servers: ServerEntry[]; warnings: RegistryWarning[]}
	| {state: 'missing'}
	| {state: 'broken'; warning: RegistryWarning};

function readMainFile(file: string): MainFile {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
			return {state: 'missing'};
		}

		return {state: 'broken', warning: {file, message: describeIoError(error)}};
	}

	const parsed = parseRegistryText(text, file);
	return parsed.ok
		? {state: 'ok', servers: parsed.servers, warnings: parsed.warnings}
		: {state: 'broken', warning: parsed.warning};
}

function readDropIns(
	folder: string,
	lastGood: Map<string, ServerEntry>,
	warnings: RegistryWarning[],
): Array<{entry: ServerEntry; file: string}> {
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
		return [];
	}

	const present = new Set(names);
	for (const name of lastGood.keys()) {
		if (!present.has(name)) {
			lastGood.delete(name);
		}
	}

	const result: Array<{entry: ServerEntry; file: string}> = [];
	for (const name of names) {
		const file = path.join(folder, name);
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			// Removed between readdir and read: it is simply gone.
			if (errorCode(error) === 'ENOENT') {
				lastGood.delete(name);
				continue;
			}

			warnings.push({file, message: describeIoError(error)});
			continue;
		}

		const parsed = parseDropInText(text, file);
		if (parsed.ok) {
			lastGood.set(name, parsed.entry);
			result.push({entry: parsed.entry, file});
			continue;
		}

		const previous = lastGood.get(name);
		warnings.push(withFallbackNote(parsed.warning, previous ? 1 : 0));
		if (previous) {
			result.push({entry: previous, file});
		}
	}

	return result;
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

function describeIoError(error: unknown): string {
	const code = errorCode(error);
	if (code === 'EACCES' || code === 'EPERM') {
		return 'cannot be read (permission denied)';
	}

	if (code === 'EISDIR') {
		return 'is a folder, expected a file';
	}

	return error instanceof Error ? error.message : String(error);
}
