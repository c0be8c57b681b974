import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {safeJsonStringify} from '../safe-json.js';
import {boundEntryFields, measureJson, registryLimits} from './bounds.js';
import {withFileLockSync, type LockOptions} from './lock.js';
import {resolveRegistryPath} from './paths.js';
import {readRegularFile} from './regular-file.js';

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
