import fs from 'node:fs';
import path from 'node:path';
import {type RegistryWarning} from './warnings.js';

/**
Warnings for a registry folder or file that someone else could change: writable by group or others,
or owned by another user. Such a registry can point the monitor (and its tokens) anywhere, and its
folder can hold traps for writers (issue 9, item 4). `fileStats` is the file as it was read (the
reader's `fstat`), so the check is about the very file whose entries are shown.
*/
export function permissionWarnings(
	registryPath: string,
	fileStats?: fs.Stats,
	uid: number | undefined = process.getuid?.(),
): RegistryWarning[] {
	const warnings: RegistryWarning[] = [];
	const folder = path.dirname(registryPath);
	let folderStats: fs.Stats | undefined;
	try {
		folderStats = fs.statSync(folder);
	} catch {
		// No folder yet: nothing to trust or distrust.
	}

	if (folderStats?.isDirectory()) {
		const problem = describe(folderStats, uid);
		if (problem) {
			warnings.push({file: folder, message: `registry folder ${problem}`});
		}
	}

	if (fileStats) {
		const problem = describe(fileStats, uid);
		if (problem) {
			warnings.push({file: registryPath, message: `registry file ${problem}`});
		}
	}

	return warnings;
}

function describe(
	stats: fs.Stats,
	uid: number | undefined,
): string | undefined {
	const problems: string[] = [];
	if ((stats.mode & 0o022) !== 0) {
		const who = [
			...((stats.mode & 0o020) === 0 ? [] : ['group']),
			...((stats.mode & 0o002) === 0 ? [] : ['others']),
		].join(' and ');
		problems.push(
			`is writable by ${who} (mode ${(stats.mode & 0o777).toString(8).padStart(3, '0')})`,
		);
	}

	if (uid !== undefined && stats.uid !== uid) {
		problems.push(
			`is owned by another user (uid ${stats.uid}, you are ${uid})`,
		);
	}

	return problems.length === 0
		? undefined
		: `${problems.join(' and ')}: others can change which servers you connect to; chmod go-w or use your own --registry`;
}
