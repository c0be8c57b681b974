import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
A self-signed certificate (its own authority) for 127.0.0.1, 0.0.0.0 and localhost, made by the
openssl CLI in a temporary folder: what a local development CA gives a wss:// server.
*/
export function makeCertificate(): {cert: string; key: string} {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				path.join(folder, 'key.pem'),
				'-out',
				path.join(folder, 'cert.pem'),
				'-subj',
				'/CN=localhost',
				'-addext',
				'subjectAltName=IP:127.0.0.1,IP:0.0.0.0,DNS:localhost',
				'-days',
				'1',
			],
			{stdio: 'ignore', timeout: 20_000},
		);
		return {
			cert: fs.readFileSync(path.join(folder, 'cert.pem'), 'utf8'),
			key: fs.readFileSync(path.join(folder, 'key.pem'), 'utf8'),
		};
	} finally {
		fs.rmSync(folder, {recursive: true, force: true});
	}
}
