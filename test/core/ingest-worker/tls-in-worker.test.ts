import fs from 'node:fs';
import https from 'node:https';
import {type AddressInfo} from 'node:net';
import {afterEach, beforeAll, beforeEach, expect, test} from 'vitest';
import {WebSocketServer} from 'ws';
import {createWorkerPool} from '../../../source/core/ingest-worker/worker-pool.js';
import {watchRegistry} from '../../../source/core/registry/watch.js';
import {
	createMonitorStore,
	type MonitorStore,
} from '../../../source/core/store.js';
import {makeCertificate} from '../../helpers/certificate.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';

// `--ca` crosses to the ingest worker as data: a certificate it vouches for connects there, and
// one nobody vouches for still fails the handshake before the entry's token is sent.

let certificate: {cert: string; key: string};
let temporary: ReturnType<typeof makeTemporaryFolder>;
let store: MonitorStore | undefined;
let server: https.Server | undefined;
let authorizations: Array<string | undefined> = [];

beforeAll(() => {
	certificate = makeCertificate();
});
beforeEach(async () => {
	temporary = makeTemporaryFolder();
	authorizations = [];
	server = https.createServer(certificate);
	const wss = new WebSocketServer({server});
	wss.on('connection', (socket, request) => {
		socket.on('error', () => undefined);
		authorizations.push(request.headers.authorization);
	});
	await new Promise<void>((resolve) => {
		server!.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	fs.writeFileSync(
		temporary.registryPath,
		registryText([
			{id: 'secure', port, pid: process.pid, token: 's3cret', tls: true},
		]),
	);
});
afterEach(async () => {
	await store?.close();
	store = undefined;
	server?.closeAllConnections();
	await new Promise((resolve) => {
		server?.close(resolve);
	});
	temporary.cleanup();
});

const row = (current: MonitorStore) => current.getSnapshot().servers[0];

test('with the CA, the worker connects over TLS and sends the token', async () => {
	const current = createMonitorStore({
		registry: watchRegistry(temporary.registryPath),
		createPool: createWorkerPool,
		tlsCa: [certificate.cert],
	});
	store = current;
	await waitFor(() => row(current)?.state.status === 'connected', {
		what: 'connected over TLS',
	});
	expect(authorizations).toEqual(['Bearer s3cret']);
});

test('without it, the handshake fails in the worker and the token is never sent', async () => {
	const current = createMonitorStore({
		registry: watchRegistry(temporary.registryPath),
		createPool: createWorkerPool,
		backoff: {baseMs: 60_000, capMs: 60_000},
	});
	store = current;
	const failed = await waitFor(
		() => row(current)?.state.error !== undefined && row(current),
		{what: 'the failed TLS handshake'},
	);
	expect(failed.state.error).toMatch(/self-signed certificate/);
	expect(authorizations).toEqual([]);
});
