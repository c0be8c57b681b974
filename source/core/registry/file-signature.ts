import fs from 'node:fs';
import path from 'node:path';
import {errorCode} from './io-errors.js';

/**
Drop-in files looked at per check. Past this many, files beyond the first ones (by name) are not
looked at one by one; adding or removing any file still changes the folder's own signature.
*/
const maxDropInFiles = 2000;

/**
A cheap fingerprint of everything the registry reader reads: the file and `servers.d/` with each of
its `.json` files, by inode, size, modification and change time. Only `stat` and `readdir`: nothing
is opened, so a FIFO or a huge file costs nothing here. Two equal signatures mean the reader would
read the same bytes (as far as the file system can tell); a different one means read again.
*/
export function registrySignature(
	registryPath: string,
	dropInFolder: string,
): string {
	const parts = [statPart(registryPath), statPart(dropInFolder)];
	let names: string[] = [];
	try {
		names = fs
			.readdirSync(dropInFolder)
			.filter((name) => name.endsWith('.json') && !name.startsWith('.'));
	} catch {
		// Missing or unreadable: the folder's own part above says which.
	}

	parts.push(String(names.length));
	for (const name of names.toSorted().slice(0, maxDropInFiles)) {
		parts.push(name, statPart(path.join(dropInFolder, name)));
	}

	// JSON, so that a name holding a newline cannot make two different states read alike.
	return JSON.stringify(parts);
}

function statPart(file: string): string {
	try {
		const stats = fs.statSync(file, {throwIfNoEntry: false});
		return stats
			? `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.mode}`
			: 'missing';
	} catch (error) {
		// Permission denied, a loop of links…: the reader reports it; here it is one more state.
		return `error:${errorCode(error) ?? 'unknown'}`;
	}
}
