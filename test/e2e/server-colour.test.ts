/**
Issue 11 item 6 on the real screen: a server's red text shows red in the pane, its hostile escapes
still show as inert text, and `/ansi off` shows the colour sequence itself as text.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys, type Terminal} from '../helpers/terminal.js';
import {createSession, waitForPrompt, type Session} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

/** Palette index 1: red, as the server's `ESC [31m` asked. */
const red = 1;

/** The cells of the first on-screen occurrence of `text`. */
function cellsOf(terminal: Terminal, text: string) {
	const screen = terminal.screen();
	const row = screen.findIndex((line) => line.includes(text));
	expect(row, `"${text}" on screen`).not.toBe(-1);
	const column = screen[row]!.indexOf(text);
	return [...text].map((_, index) => terminal.cell(column + index, row)!);
}

describe('colour from a server', () => {
	test('its red text is red, its hostile escapes inert; /ansi off shows the SGR as text', async () => {
		const server = await session.testServer((socket) => {
			socket.send('\u001B[31mred-alert\u001B[0m plain-after');
			socket.send('evil \u001B]0;pwned\u0007 \u001B[2J \u001B[1;1H done-evil');
		});
		session.writeRegistry([
			{id: 'painter', port: server.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await waitForPrompt(terminal);
		const screen = await terminal.waitFor(
			(text) =>
				text.includes('red-alert plain-after') && text.includes('done-evil'),
			{what: 'both frames shown', timeoutMs: 8000},
		);
		expect(screen).not.toContain('␛[31m');
		expect(screen).toContain('evil ␛]0;pwned␇ ␛[2J ␛[1;1H done-evil');
		for (const cell of cellsOf(terminal, 'red-alert')) {
			expect(cell).toMatchObject({foreground: 'palette', foregroundColor: red});
		}

		for (const cell of cellsOf(terminal, 'plain-after')) {
			expect(cell.foreground).toBe('default');
		}

		for (const cell of cellsOf(terminal, 'done-evil')) {
			expect(cell.foreground).toBe('default');
		}

		expect(terminal.titles()).toEqual([]);
		expect(terminal.screen()[0]).toMatch(/^ shipyard · /);

		terminal.write(`/ansi off${keys.enter}`);
		await terminal.waitForText('␛[31mred-alert␛[0m plain-after', {
			timeoutMs: 5000,
		});
		for (const cell of cellsOf(terminal, 'red-alert')) {
			expect(cell.foreground).toBe('default');
		}
	});
});
