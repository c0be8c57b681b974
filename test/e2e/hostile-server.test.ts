/**
Untrusted text on the real screen: a server (and its registry entry) full of escape sequences must
change nothing but the characters shown in the pane.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys, type Terminal} from '../helpers/terminal.js';
import {createSession, promptPattern, type Session} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

const hostileId = 'evil\u001B]0;pwned\u0007';
const hostileName = 'named\u001B]2;name-pwned\u001B\\';

/** Frames that would each do something to a terminal if written to it as they are. */
const hostileFrames = [
	'title \u001B]0;title-pwned\u0007',
	'title2 \u001B]2;title2-pwned\u001B\\',
	'clear \u001B[2J',
	'home \u001B[Hxx',
	'dsr \u001B[6n',
	'da \u001B[c',
	'clip \u001B]52;c;cHduZWQ=\u0007',
	'link \u001B]8;;https://evil.example/\u0007click\u001B]8;;\u0007',
	'c1 \u009B2J',
	'bidi \u202Egnp.exe',
	'ok\r[other-server] fake',
	'abc\b\b\bxyz',
	'alt \u001B[?1049l',
	'reset \u001Bc',
	// Parsed shapes: a channel frame's topic and an object's `type` are strings from the server too.
	JSON.stringify(['\u001B]0;topic-pwned\u0007', 'evt', {}]),
	JSON.stringify({type: '\u001B]2;type-pwned\u0007', n: 1}),
	'hostile-frames-done',
];

const ctrlO = '\u000F';

/** Every title change, cursor report or screen change would show up as one of these. */
function expectNothingEscaped(terminal: Terminal) {
	expect(terminal.titles()).toEqual([]);
	expect(terminal.repliesToProgram()).toBe('');
	expect(terminal.isAlternateScreen()).toBe(true);
	const screen = terminal.screen();
	expect(screen[0]).toMatch(/^ shipyard · /);
	expect(screen[1]).toMatch(/^─ servers /);
	expect(screen.some((line) => promptPattern.test(line))).toBe(true);
	// CR and BS did not move the cursor back: no line starts with the spoofed text.
	expect(
		screen.some(
			(line) => line.startsWith('[other-server]') || line.includes(' xyz'),
		),
	).toBe(false);
}

describe('a hostile server', () => {
	test('changes nothing on the real screen: its escapes are shown as text', async () => {
		const server = await session.testServer((socket) => {
			for (const frame of hostileFrames) {
				socket.send(frame);
			}
		});
		const named = await session.testServer();
		session.writeRegistry([
			{id: hostileId, port: server.port, pid: process.pid},
			{id: 'named', name: hostileName, port: named.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 120, rows: 40});

		const screen = await terminal.waitFor(
			(screen) =>
				screen.includes('hostile-frames-done') &&
				screen.includes('● connected'),
			{
				what: 'every hostile frame shown, and the row connected',
				timeoutMs: 8000,
			},
		);
		// The escapes are visible, as text, in the pane and the table.
		for (const shown of [
			'title ␛]0;title-pwned␇',
			'title2 ␛]2;title2-pwned␛\\',
			'clear ␛[2J',
			'home ␛[Hxx',
			'dsr ␛[6n',
			'da ␛[c',
			'clip ␛]52;c;cHduZWQ=␇',
			'link ␛]8;;https://evil.example/␇click␛]8;;␇',
			String.raw`c1 \x9b2J`,
			String.raw`bidi \u202egnp.exe`,
			'ok␍[other-server] fake',
			'abc␈␈␈xyz',
			'alt ␛[?1049l',
			'reset ␛c',
			'␛]0;topic-pwned␇',
			'␛]2;type-pwned␇',
		]) {
			expect(screen, shown).toContain(shown);
		}

		// The ids and names from the registry are escaped too.
		expect(screen).toMatch(/^ {2}evil␛]0;/m);
		expect(screen).toMatch(/^ {2}named␛]2;/m);
		expectNothingEscaped(terminal);

		// The input line still works, and nothing was typed into it by the terminal's replies.
		terminal.write('still typing');
		await terminal.waitFor(
			(text) =>
				text
					.split('\n')
					.some(
						(line) =>
							promptPattern.test(line) && line.includes('› still typing'),
					),
			{what: 'the typed text on the input line'},
		);
		expectNothingEscaped(terminal);
	});

	test('shows a hostile close reason as text', async () => {
		let connections = 0;
		const server = await session.testServer((socket) => {
			connections++;
			if (connections === 1) {
				socket.close(4000, 'bye \u001B]0;close-pwned\u0007\u001B[2J\u001B[6n');
			}
		});
		session.writeRegistry([
			{id: 'closer', port: server.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 140});

		await terminal.waitForText(
			/^\d\d:\d\d:\d\d closer +! closed 4000 .*bye ␛]0;close-pwned␇␛\[2J␛\[6n · reconnecting *$/m,
			{
				timeoutMs: 8000,
			},
		);
		expectNothingEscaped(terminal);
	});

	test('keeps a hostile frame inert in the detail view, where line breaks are kept', async () => {
		const server = await session.testServer((socket) => {
			socket.send(
				'last frame\n\u001B]0;detail-pwned\u0007\u001B[2J\u001B[6n\n\u001B]52;c;eA==\u0007',
			);
		});
		session.writeRegistry([
			{id: 'detailed', port: server.port, pid: process.pid},
		]);
		const terminal = session.startMonitor();
		await terminal.waitForText(
			'← last frame␊␛]0;detail-pwned␇␛[2J␛[6n␊␛]52;c;eA==␇',
			{timeoutMs: 8000},
		);

		// Ctrl+O opens the newest message in full.
		terminal.write(ctrlO);
		await terminal.waitForText(/^─ message · .*Esc closes/m);
		await terminal.waitFor(
			(text) =>
				/^␛]0;detail-pwned␇␛\[2J␛\[6n *$/m.test(text) &&
				/^␛]52;c;eA==␇ *$/m.test(text),
			{
				what: 'the frame in the detail view, one line per line of the frame',
			},
		);
		expect(terminal.titles()).toEqual([]);
		expect(terminal.repliesToProgram()).toBe('');
		expect(terminal.isAlternateScreen()).toBe(true);
		terminal.write(keys.escape);
		await terminal.waitForText('─ messages · all · following');

		expectNothingEscaped(terminal);
	});

	test('keeps escapes pasted into the input line off the screen and out of what is sent', async () => {
		const received: string[] = [];
		const server = await session.testServer((socket) => {
			socket.on('message', (data: Buffer) => {
				received.push(data.toString());
			});
		});
		session.writeRegistry([{id: 'sink', port: server.port, pid: process.pid}]);
		const terminal = session.startMonitor();
		await terminal.waitForText('● connected', {timeoutMs: 8000});

		terminal.write(
			'pasted \u001B]0;paste-pwned\u0007 \u001B[2J \u009B6n \u001B]52;c;eA==\u0007 end',
		);
		await terminal.waitFor(
			(text) =>
				text
					.split('\n')
					.some(
						(line) =>
							promptPattern.test(line) &&
							line.includes('paste-pwned') &&
							line.includes(' end'),
					),
			{what: 'the pasted text on the input line'},
		);
		expectNothingEscaped(terminal);

		terminal.write(keys.enter);
		await terminal.waitFor(() => received.length === 1, {
			what: 'the server to receive the line',
		});
		expect(received[0]).toContain('paste-pwned');
		// eslint-disable-next-line no-control-regex -- looking for control characters is the point.
		expect(received[0]).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		await terminal.waitForText(/^\d\d:\d\d:\d\d sink +→ pasted /m);
		expectNothingEscaped(terminal);
	});
});
