import fs from 'node:fs';
import {probeProcess, type ProcessProbe} from './liveness.js';
import {listDropIns} from './drop-ins.js';
import {resolveRegistryPath} from './paths.js';
import {serverEntrySchema} from './schema.js';
import {updateRegistrySync, type WriteOptions} from './update.js';

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
