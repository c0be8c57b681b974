/**
Issue 11 item 3 on the real screen: `/show` replaces JSON lines with their projection, a bad query
leaves the pane as it was, and `/show` alone brings the lines back.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/terminal.js';
import {createSession, waitForPrompt, type Session} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

describe('/show in the monitor', () => {
	test('projects JSON lines, keeps the rest, and ends with /show alone', async () => {
		const server = await session.testServer((socket) => {
			socket.send(
				JSON.stringify({type: 'tick', payload: {n: 41, secret: 'x'}}),
			);
			socket.send('plain-line');
			socket.send(
				JSON.stringify({type: 'tick', payload: {n: 42, secret: 'y'}}),
			);
		});
		session.writeRegistry([
			{id: 'ticker', port: server.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await waitForPrompt(terminal);
		await terminal.waitForText('"n":42', {timeoutMs: 8000});

		terminal.write(`/show payload.n${keys.enter}`);
		const shown = await terminal.waitFor(
			(screen) => screen.includes('show payload.n'),
			{what: 'the rule naming the query'},
		);
		expect(shown).toMatch(/ticker\s+← 41$/m);
		expect(shown).toMatch(/ticker\s+← 42$/m);
		expect(shown).toMatch(/ticker\s+← plain-line$/m);
		expect(shown).not.toContain('secret');

		terminal.write(`/show payload.[${keys.enter}`);
		const bad = await terminal.waitForText('bad query');
		expect(bad).toContain('show payload.n');
		expect(bad).toMatch(/ticker\s+← 41$/m);

		terminal.write(`/show${keys.enter}`);
		const ended = await terminal.waitForText('showing messages as sent');
		expect(ended).not.toContain('show payload.n');
		expect(ended).toContain('"secret":"x"');
	});
});
