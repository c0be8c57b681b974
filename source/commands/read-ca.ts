import fs from 'node:fs';
import {describeIoError} from '../core/registry/io-errors.js';

/**
`--ca <file>` (repeatable): certificate authorities to trust besides the system's, for `wss://`
servers and `rediss://` registries. Checked here so a wrong file is a clear message before anything
connects, never a handshake failure later.
*/
export function readCaFiles(
	files: readonly string[],
): {ok: true; pems: string[]} | {ok: false; error: string} {
	const pems: string[] = [];
	for (const file of files) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			return {ok: false, error: `--ca ${file}: ${describeIoError(error)}`};
		}

		if (!text.includes('-----BEGIN CERTIFICATE-----')) {
			return {
				ok: false,
				error: `--ca ${file}: no PEM certificate in it (expected "-----BEGIN CERTIFICATE-----")`,
			};
		}

		pems.push(text);
	}

	return {ok: true, pems};
}
