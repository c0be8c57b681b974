import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {describe, expect, test} from 'vitest';
import {type ServerEntry} from '../../../source/core/registry/schema.js';
import {eventText} from '../../../source/view/event-text.js';
import {waitFor} from '../../helpers/wait-for.js';
import {
	cleanups,
	entryFor,
	makePool,
	server,
	viewOf,
	waitForStatus,
} from './pool-harness.js';

// Server-controlled words are cut to this many characters (connection.ts, maxReasonLength).
const maxReasonLength = 200;

describe('an entry the schema should have refused fails alone (issue 9, item 1)', () => {
	// Each of these made `new WebSocket` throw (Invalid URL, ERR_INVALID_CHAR), ending the process.
	const broken: Array<[string, Partial<ServerEntry>]> = [
		['host with a port', {host: '127.0.0.1:8080'}],
		['host with a space', {host: 'my host'}],
		['path with a fragment', {path: '/#x'}],
		['token with a line break', {token: 'a\nb'}],
		['token with a non-Latin-1 character', {token: 't€ken'}],
	];

	test('the good entry connects; each bad one shows why, once, and is not retried', async () => {
		const good = await server();
		const {pool, events} = makePool({
			backoff: {baseMs: 10, capMs: 20},
		});
		const entries = [
			...broken.map(([name, extra]) => entryFor(name, good.port, extra)),
			entryFor('good', good.port),
		];
		expect(() => {
			pool.reconcile(entries);
		}).not.toThrow();
		await waitForStatus(pool, 'good', 'connected');
		for (const [name] of broken) {
			const view = viewOf(pool, name)!;
			expect(view.state.status, name).toBe('invalid');
			expect(view.state.error, name).toMatch(/^cannot connect: \S/);
		}

		// A later good entry still gets its turn, and the broken ones said it once each.
		const later = await server();
		pool.reconcile([...entries, entryFor('later', later.port)]);
		await waitForStatus(pool, 'later', 'connected');
		for (const [name] of broken) {
			expect(
				events.filter(
					(event) => event.id === name && event.event === 'invalid',
				),
				name,
			).toHaveLength(1);
			expect(viewOf(pool, name)!.state.attempt, name).toBe(0);
		}

		// Fixing the entry connects it.
		pool.reconcile([
			entryFor(broken[0]![0], good.port),
			entryFor('good', good.port),
		]);
		await waitForStatus(pool, broken[0]![0], 'connected');
	});
});

describe('where a token may go (issue 9, item 6)', () => {
	test('a token for a host that is not loopback, in clear text, is withheld and the row says why', async () => {
		const authorizations: Array<string | undefined> = [];
		const listener = await server({
			onConnection(_socket, request) {
				authorizations.push(request.headers.authorization);
			},
		});
		const {pool, events} = makePool();
		// 0.0.0.0 is not a loopback address, yet on Linux it reaches the listener on 127.0.0.1: had
		// the token been sent, this server would have received it.
		pool.reconcile([
			entryFor('remote', listener.port, {host: '0.0.0.0', token: 's3cret'}),
			entryFor('canary', listener.port, {host: '0.0.0.0'}),
		]);
		const view = await waitForStatus(pool, 'remote', 'withheld');
		expect(view.state.error).toBe(
			'token withheld: 0.0.0.0 is not loopback and not TLS',
		);
		expect(view.remote).toBe(true);
		const said = events.find(
			(event) => event.id === 'remote' && event.event === 'withheld',
		)!;
		expect(said).toEqual({
			id: 'remote',
			event: 'withheld',
			error: 'token withheld: 0.0.0.0 is not loopback and not TLS',
		});
		expect(eventText(said)).toBe(
			'token withheld: 0.0.0.0 is not loopback and not TLS',
		);
		// The same address without a token connects (so the one with a token could have).
		await waitForStatus(pool, 'canary', 'connected');
		expect(authorizations).toEqual([undefined]);
	});

	test('localhost + token goes to 127.0.0.1 only: a listener on [::1] alone never gets the token', async () => {
		const authorizations: Array<string | undefined> = [];
		const squatter = await server({
			host: '::1',
			onConnection(_socket, request) {
				authorizations.push(request.headers.authorization);
			},
		});
		const {pool, events} = makePool();
		pool.reconcile([
			entryFor('guarded', squatter.port, {token: 's3cret'}),
			// The same port without a token still falls back to IPv6 and connects: a witness that
			// the fall-back would have happened.
			entryFor('open', squatter.port, {host: 'localhost'}),
		]);
		await waitForStatus(pool, 'open', 'connected');
		await waitForStatus(pool, 'guarded', 'unreachable');
		expect(authorizations).toEqual([undefined]);
		const said = events.find(
			(event) => event.id === 'guarded' && event.event === 'unreachable',
		)!;
		expect(said).toMatchObject({tokenOnLocalhost: true});
		expect(eventText(said)).toMatch(/localhost means 127\.0\.0\.1 only/);
	});

	test('a token-holding entry that names ::1 reaches its IPv6 server with the token', async () => {
		const v6 = await server({
			host: '::1',
			verifyClient: ({req}) => req.headers.authorization === 'Bearer s3cret',
		});
		const {pool} = makePool();
		pool.reconcile([entryFor('v6', v6.port, {host: '::1', token: 's3cret'})]);
		const view = await waitForStatus(pool, 'v6', 'connected');
		expect(view.remote).toBeFalsy();
	});
});

describe('server-controlled words are bounded (issue 9, item 4)', () => {
	test('a 5 000-character HTTP status text of a refused upgrade is cut', async () => {
		const refuser = http.createServer();
		refuser.on('upgrade', (_request, socket) => {
			socket.end(
				`HTTP/1.1 403 ${'\u001B]0;pwned\u0007'.repeat(400)}\r\nContent-Length: 0\r\n\r\n`,
			);
		});
		await new Promise<void>((resolve) => {
			refuser.listen(0, '127.0.0.1', resolve);
		});
		cleanups.push(async () => {
			refuser.closeAllConnections();
			await new Promise((resolve) => {
				refuser.close(resolve);
			});
		});
		const {pool, events} = makePool();
		pool.reconcile([
			entryFor('refuser', (refuser.address() as AddressInfo).port),
		]);
		const view = await waitForStatus(pool, 'refuser', 'rejected');
		expect(view.state.httpStatus).toBe(403);
		expect(view.state.error!.length).toBeLessThanOrEqual(maxReasonLength);
		const said = await waitFor(() =>
			events.find((event) => event.event === 'rejected'),
		);
		expect(said).toMatchObject({status: 403});
		expect(said.statusText.length).toBeLessThanOrEqual(maxReasonLength);
		expect(eventText(said).length).toBeLessThan(maxReasonLength + 100);
	});
});
