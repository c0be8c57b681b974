import https from 'node:https';
import {type AddressInfo} from 'node:net';
import {beforeAll, describe, expect, test} from 'vitest';
import {WebSocketServer} from 'ws';
import {makeCertificate} from '../../helpers/certificate.js';
import {waitFor} from '../../helpers/wait-for.js';
import {
	cleanups,
	entryFor,
	makePool,
	viewOf,
	waitForStatus,
} from './pool-harness.js';

/** A self-signed certificate for 127.0.0.1 and 0.0.0.0 (test/helpers/certificate.ts). */
let certificate: {cert: string; key: string};
beforeAll(() => {
	certificate = makeCertificate();
});

/** A real wss server on loopback that records the Authorization header of every upgrade. */
async function wssServer() {
	const authorizations: Array<string | undefined> = [];
	const server = https.createServer(certificate);
	const wss = new WebSocketServer({server});
	wss.on('connection', (socket, request) => {
		socket.on('error', () => {
			// Tests cut connections on purpose.
		});
		authorizations.push(request.headers.authorization);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	cleanups.push(async () => {
		for (const client of wss.clients) {
			client.terminate();
		}

		wss.close();
		server.closeAllConnections();
		await new Promise((resolve) => {
			server.close(resolve);
		});
	});
	return {port: (server.address() as AddressInfo).port, authorizations};
}

describe('a token over TLS (issue 9, item 6)', () => {
	test('a tls entry for a host that is not loopback connects with wss and sends its token', async () => {
		const secure = await wssServer();
		const {pool} = makePool({tlsCa: certificate.cert});
		// 0.0.0.0 is not loopback (in clear text the token is withheld), but over TLS it may go.
		pool.reconcile([
			entryFor('secure', secure.port, {
				host: '0.0.0.0',
				token: 's3cret',
				tls: true,
			}),
		]);
		const view = await waitForStatus(pool, 'secure', 'connected');
		expect(view.remote).toBe(true);
		expect(secure.authorizations).toEqual(['Bearer s3cret']);
	});

	test('a certificate nobody vouches for fails the handshake before the token is sent', async () => {
		const secure = await wssServer();
		const {pool} = makePool({backoff: {baseMs: 60_000, capMs: 60_000}});
		pool.reconcile([
			entryFor('untrusted', secure.port, {token: 's3cret', tls: true}),
		]);
		const view = await waitFor(
			() => {
				const current = viewOf(pool, 'untrusted');
				return current?.state.error !== undefined && current;
			},
			{what: 'the failed TLS handshake'},
		);
		expect(view.state.status).toBe('reconnecting');
		expect(view.state.error).toMatch(/self-signed certificate/);
		expect(secure.authorizations).toEqual([]);
	});
});
