/**
The screen in terminals that are not the default 100×30 UTF-8 xterm: a C locale, TERM=dumb, a small
window; and the overlays that must scroll to show everything (issue 15 items 6 and 9).
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys, startTerminal} from '../helpers/terminal.js';
import {createSession, type Session, waitForPrompt} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

/** A server whose first frame has text no ASCII terminal can show, and a control. */
async function serverWithWideText() {
	const server = await session.testServer((socket) => {
		socket.send('héllo 日本 ─ ● → done \u001B[2J');
	});
	session.writeRegistry([{id: 'wide', port: server.port, pid: process.pid}]);
}

describe('a terminal that is not UTF-8', () => {
	test('LC_ALL=C: every character on the screen is ASCII, in the pane, the table, help and detail', async () => {
		await serverWithWideText();
		const terminal = session.startMonitor({
			env: {LC_ALL: 'C', LANG: 'C'},
			cols: 80,
			rows: 24,
		});
		await terminal.waitForText(/^\[all \| 1] > /m, {timeoutMs: 8000});
		await terminal.waitForText('done ^[[2J');
		const nonAscii = /[^\u0020-\u007E\n]/u;
		expect(terminal.screenText()).not.toMatch(nonAscii);
		expect(terminal.screenText()).toMatch(/^ {2}wide +\* connected/m);
		expect(terminal.screenText()).toMatch(/ < h\?llo \?{4} - \* -> done/);

		terminal.write('?');
		await terminal.waitForText('- help |');
		expect(terminal.screenText()).not.toMatch(nonAscii);
		terminal.write(keys.escape);
		await terminal.waitForText('- messages |');
		terminal.write('\u000F'); // Ctrl+O: the newest message in full
		await terminal.waitForText('- message |');
		expect(terminal.screenText()).not.toMatch(nonAscii);
	});

	test('TERM=dumb: says the monitor needs a capable terminal, points to --json and list, exits 2', async () => {
		const terminal = startTerminal(['--registry', session.registryPath], {
			env: {TERM: 'dumb'},
		});
		expect(await terminal.exitCode()).toBe(2);
		// The message is wider than the terminal: the rows it wraps over, joined again.
		expect(terminal.screen().join('')).toContain(
			'shipyard-tui needs a terminal that can move the cursor (TERM=dumb); use `shipyard-tui --json` or `shipyard-tui list`',
		);
		expect(terminal.rawOutput()).not.toContain('\u001B[?1049h');
	});
});

describe('the registry path in the header', () => {
	test('a path with an OSC title in it is shown inert and never changes the window title', async () => {
		const hostile = `${session.registryPath}\u001B]0;PWNED\u0007.json`;
		const terminal = startTerminal(['--registry', hostile]);
		try {
			await waitForPrompt(terminal);
			expect(terminal.screen()[0]).toContain('␛]0;PWNED␇');
			expect(terminal.titles()).toEqual([]);
		} finally {
			terminal.dispose();
		}
	});
});

describe('overlays scroll (issue 15, must show item 9)', () => {
	test('at 80×24 the last help entry can be reached by scrolling', async () => {
		const terminal = session.startMonitor({cols: 80, rows: 24});
		await waitForPrompt(terminal);
		terminal.write('?');
		await terminal.waitForText(/more entries below/);
		expect(terminal.screenText()).not.toContain('//text');
		for (let press = 0; press < 30; press++) {
			terminal.write(keys.down);
		}

		await terminal.waitForText(
			/^ \/\/text +send text that starts with a slash/m,
		);
		await terminal.waitForText(/end · ↑ \d+ entries above/);
	});

	test('at 100×12 the detail view shows the first line of the message under its title', async () => {
		const server = await session.testServer((socket) => {
			socket.send(
				JSON.stringify({
					first: 'the first line',
					list: Array.from({length: 30}, (_, index) => index),
				}),
			);
		});
		session.writeRegistry([{id: 'json', port: server.port, pid: process.pid}]);
		const terminal = session.startMonitor({cols: 100, rows: 12});
		await terminal.waitForText('"first":"the first line"', {timeoutMs: 8000});
		terminal.write('\u000F');
		await terminal.waitForText(/^─ message · /m);
		const screen = terminal.screen();
		const title = screen.findIndex((line) => line.startsWith('─ message · '));
		expect(screen[title + 1]).toBe('{');
		expect(screen[title + 2]).toBe('  "first": "the first line",');
		terminal.write(keys.end);
		await terminal.waitForText(/^}$/m);
	});

	test('at 20×5 the screen says the terminal is too small', async () => {
		const terminal = session.startMonitor({cols: 20, rows: 5});
		await terminal.waitForText(/terminal too small/);
		expect(terminal.screenText().replaceAll('\n', ' ')).toMatch(
			/need at +least 30x10/,
		);
		terminal.resize(80, 24);
		await waitForPrompt(terminal);
	});
});
