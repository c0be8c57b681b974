import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test, removed afterwards; the registry file inside it is not created. */
export function makeTemporaryFolder(): {
	folder: string;
	registryPath: string;
	cleanup: () => void;
} {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-test-'));
	return {
		folder,
		registryPath: path.join(folder, 'servers.json'),
		cleanup() {
			fs.rmSync(folder, {recursive: true, force: true});
		},
	};
}

/** Replaces a file by rename, the way careful writers do. */
export function writeByRename(file: string, text: string): void {
	const temporary = `${file}.writer-${process.pid}-${Math.random().toString(16).slice(2)}`;
	fs.writeFileSync(temporary, text);
	fs.renameSync(temporary, file);
}

export function entry(id: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		port: 40_000,
		pid: process.pid,
		startedAt: new Date().toISOString(),
		...extra,
	};
}

export function registryText(servers: unknown[]): string {
	return JSON.stringify({servers}, undefined, 2);
}
