import fs from 'node:fs/promises';
import {errorCode} from './record-file.js';

/**
Moves `file` to `file.1`, `file.1` to `file.2`… keeping at most `keep` old files (the oldest is
removed). Renames never follow a link at either name: a link planted at `file.2` is replaced, not
written through.
*/
export async function rotateFiles(file: string, keep: number): Promise<void> {
	await fs.rm(`${file}.${keep}`, {force: true});
	for (let index = keep - 1; index >= 1; index--) {
		// eslint-disable-next-line no-await-in-loop
		await fs
			.rename(`${file}.${index}`, `${file}.${index + 1}`)
			.catch((error: unknown) => {
				if (errorCode(error) !== 'ENOENT') {
					throw error;
				}
			});
	}

	await fs.rename(file, `${file}.1`);
}
