/**
Issue 12 item 3 on the real screen: with --notify, an alert writes the bell and OSC 9 / OSC 777 to
the terminal (wrapped for tmux when $TMUX is set), shows a line and a badge, and /alerts lists it and
clears the badge.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/terminal.js';
import {waitFor} from '../helpers/wait-for.js';
import {createSession, waitForPrompt, type Session} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

describe('alerts in the monitor', () => {
	test('--notify writes OSC 9 and 777 for an alert; the badge counts it; /alerts lists it and clears it', async () => {
		const server = await session.testServer((socket) => {
			// What we send goes out; the alert is on what comes back.
			socket.on('message', () => {
				socket.send('echo: PANIC now');
			});
		});
		session.writeRegistry([
			{id: 'api\u001B]0;pwned\u0007', port: server.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({
			cols: 100,
			rows: 30,
			args: ['--notify', '--alert', 'PANIC'],
			env: {TMUX: '', XDG_CONFIG_HOME: session.registryPath},
		});
		await waitForPrompt(terminal);
		await terminal.waitForText('! connected');
		terminal.write(`PANIC now${keys.enter}`);
		const screen = await terminal.waitForText(
			'⚑ alert: message matched "PANIC"',
		);
		expect(screen.split('\n')[0]).toMatch(/⚑ 1 {2}\? help $/);
		await waitFor(() => terminal.rawOutput().includes('\u001B]777;notify;'), {
			what: 'the OSC 777 notification',
		});
		const raw = terminal.rawOutput();
		// The id's escape arrives as visible pictures, its `;` as `,`: nothing of it acts on the terminal.
		expect(raw).toContain(
			'\u0007\u001B]9;shipyard: api␛]0,pwned␇: message matched "PANIC"\u0007\u001B]777;notify;shipyard: api␛]0,pwned␇;message matched "PANIC"\u0007',
		);
		expect(raw).not.toContain('\u001B]0;pwned');

		terminal.write(`/alerts${keys.enter}`);
		const list = await terminal.waitForText('─ alerts · 1 alert');
		expect(list).toMatch(/^ \d\d:\d\d:\d\d {2}api.*message matched "PANIC"$/m);
		expect(list.split('\n')[0]).not.toContain('⚑');
	});

	test('inside tmux the notification is wrapped for passthrough', async () => {
		const server = await session.testServer((socket) => {
			socket.on('message', () => {
				socket.close(1011, 'bye');
			});
		});
		session.writeRegistry([{id: 'api', port: server.port, pid: process.pid}]);
		const terminal = session.startMonitor({
			args: ['--notify'],
			env: {
				TMUX: '/tmp/tmux-0/default,1,0',
				XDG_CONFIG_HOME: session.registryPath,
			},
		});
		await waitForPrompt(terminal);
		await terminal.waitForText('! connected');
		terminal.write(`hi${keys.enter}`);
		await terminal.waitForText('⚑ alert: dropped: closed 1011');
		await waitFor(() => terminal.rawOutput().includes('\u001BPtmux;'), {
			what: 'the tmux passthrough',
		});
		expect(terminal.rawOutput()).toContain(
			'\u001BPtmux;\u001B\u001B]9;shipyard: api: dropped: closed 1011 internal server error\u0007\u001B\\',
		);
	});
});
