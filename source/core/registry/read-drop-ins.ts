import fs from 'node:fs';
import path from 'node:path';
import {errorCode, describeIoError} from './io-errors.js';
import {parseDropInText} from './parse.js';
import {readRegularFile} from './regular-file.js';
import {type ServerEntry} from './schema.js';
import {type RegistryWarning} from './warnings.js';

/**
Reads every drop-in of `servers.d`, in name order, up to the entry limit. A drop-in that stops
parsing keeps its last good entry (from `lastGood`, which this keeps up to date) with a warning.
*/
export function readDropIns(
	folder: string,
	lastGood: Map<string, ServerEntry>,
	warnings: RegistryWarning[],
	limits: {maxServers: number; maxDropInBytes: number},
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

export function withFallbackNote(
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
