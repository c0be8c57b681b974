/**
Issue 12 item 4 on the real screen: the config file's /time default, key remaps, snippets and
onConnect messages, in the monitor as a person runs it.
*/
import fs from 'node:fs';
import path from 'node:path';
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

describe('the config file in the monitor', () => {
	test('time stamps off, Ctrl+G for the detail view, /snip with {id}, onConnect messages', async () => {
		const server = await session.testServer((socket) => {
			socket.on('message', (data: Buffer) => {
				socket.send(`got ${data.toString()}`);
			});
		});
		session.writeRegistry([
			{id: 'ticker', port: server.port, pid: process.pid},
		]);
		const home = path.dirname(session.registryPath);
		fs.mkdirSync(path.join(home, 'shipyard'));
		fs.writeFileSync(
			path.join(home, 'shipyard', 'config.json'),
			JSON.stringify({
				time: 'off',
				keys: {'ctrl+o': 'ctrl+g'},
				snippets: {hi: 'hi from {id}'},
				onConnect: [{servers: 'tick*', send: ['hello on connect']}],
			}),
		);
		const terminal = session.startMonitor({
			cols: 100,
			rows: 30,
			env: {XDG_CONFIG_HOME: home},
		});
		await waitForPrompt(terminal);
		const greeted = await terminal.waitForText('got hello on connect');
		// Time stamps off: a line starts with the server.
		expect(greeted).toMatch(/^ticker +← got hello on connect$/m);
		expect(greeted).toContain('^G detail');

		terminal.write(`/snip hi${keys.enter}`);
		await terminal.waitForText('got hi from ticker');

		terminal.write('\u0007');
		const detail = await terminal.waitForText('─ message · ');
		expect(detail).toContain('got hi from ticker');
	});
});
