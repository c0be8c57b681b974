import fs from 'node:fs';
import path from 'node:path';
import {registryLimits} from './bounds.js';
import {registryDropInFolder} from './paths.js';
import {readRegularFile} from './regular-file.js';

/** The `servers.d/*.json` files that parse as JSON, with what they hold. */
export function listDropIns(
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

export function idOf(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null
		? (raw as {id?: unknown}).id
		: undefined;
}

export function pidOf(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null
		? (raw as {pid?: unknown}).pid
		: undefined;
}
