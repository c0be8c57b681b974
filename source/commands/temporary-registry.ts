import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
Runs `run` with a registry file in a new temporary folder (`demo`, `replay` without `--registry`),
and removes the folder when it is done, however it ends.
*/
export async function withTemporaryRegistry<T>(
	prefix: string,
	run: (registryPath: string) => Promise<T>,
): Promise<T> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return await run(path.join(folder, 'servers.json'));
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}
