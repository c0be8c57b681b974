import fs from 'node:fs';
import https from 'node:https';
import {type AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {WebSocketServer} from 'ws';
import {makeCertificate} from '../helpers/certificate.js';
import {runCli} from '../helpers/processes.js';

let folder: string;
let server: https.Server;
let registryPath: string;
let caPath: string;
beforeAll(async () => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-ca-'));
	const certificate = makeCertificate();
	caPath = path.join(folder, 'dev-ca.pem');
	fs.writeFileSync(caPath, certificate.cert);
	server = https.createServer(certificate);
	const wss = new WebSocketServer({server});
	wss.on('connection', (socket) => {
		socket.on('message', (data: Buffer) => {
			socket.send(`echo: ${data.toString()}`);
		});
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	registryPath = path.join(folder, 'servers.json');
	fs.writeFileSync(
		registryPath,
		JSON.stringify({
			servers: [
				{
					id: 'secure',
					host: '127.0.0.1',
					port: (server.address() as AddressInfo).port,
					pid: process.pid,
					scheme: 'wss',
				},
			],
		}),
	);
}, 30_000);
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => {
		server.close(resolve);
	});
	fs.rmSync(folder, {recursive: true, force: true});
});

describe('wss:// servers and --ca', () => {
	test('"scheme": "wss" with the test CA given by --ca: delivered over TLS', async () => {
		const result = await runCli([
			'send',
			'hello',
			'--registry',
			registryPath,
			'--ca',
			caPath,
			'--wait',
			'2000',
		]);
		expect(result.stdout).toMatch(/secure\s+delivered/);
		expect(result.stdout).toContain('echo: hello');
		expect(result.code).toBe(0);
	});

	test('without the CA the certificate is refused, with the reason', async () => {
		const result = await runCli(['send', 'hello', '--registry', registryPath]);
		expect(result.code).toBe(1);
		expect(result.stdout + result.stderr).toMatch(/self-signed certificate/);
	});

	test('a --ca that is missing or not a certificate is a clear error before anything connects', async () => {
		const missing = await runCli([
			'send',
			'x',
			'--registry',
			registryPath,
			'--ca',
			path.join(folder, 'nope.pem'),
		]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(
			/--ca .*nope\.pem: .*(no such file|not found|enoent)/i,
		);
		const notPem = await runCli([
			'send',
			'x',
			'--registry',
			registryPath,
			'--ca',
			registryPath,
		]);
		expect(notPem.code).toBe(2);
		expect(notPem.stderr).toContain('no PEM certificate in it');
	});
});
