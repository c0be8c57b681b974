/**
Text wider than it is long: CJK ids take two cells a character, and emoji sequences take as many
cells as the terminal decides. Neither may break the table's columns or push the screen's frame off
the top.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {createSession, type Session, waitForPrompt} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

/** East Asian wide characters used here (CJK ideographs, kana, the long-vowel mark): two cells each. */
function isWide(character: string): boolean {
	const code = character.codePointAt(0)!;
	return (
		(code >= 0x30_00 && code <= 0x30_ff) || (code >= 0x4e_00 && code <= 0x9f_ff)
	);
}

/** The terminal cell where `search` starts in a screen line, or -1. */
function cellOf(line: string, search: string): number {
	const index = line.indexOf(search);
	if (index === -1) {
		return -1;
	}

	let cells = 0;
	for (const character of line.slice(0, index)) {
		cells += isWide(character) ? 2 : 1;
	}

	return cells;
}

describe('wide text', () => {
	// Product bug: `fitCell` (source/view/table-columns.ts) pads and cuts by code points, assuming
	// single-width text, and the id column's width is measured with `.length`; a CJK id is twice as
	// wide on screen, so its row's cells shift right (and in the pane, its label's).
	test('keeps the table columns and the pane labels aligned when a server id is CJK', async () => {
		const wideId = '漢字サーバー';
		const quiet = async () => session.testServer();
		const [wide, narrow] = await Promise.all([quiet(), quiet()]);
		session.writeRegistry([
			{id: wideId, port: wide.port, host: '127.0.0.1', pid: process.pid},
			{id: 'alpha', port: narrow.port, host: '127.0.0.1', pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await terminal.waitFor(
			(screen) =>
				screen.split('\n').filter((line) => line.includes('● connected'))
					.length === 2,
			{what: 'two connected rows', timeoutMs: 8000},
		);
		await terminal.waitFor(
			(screen) =>
				screen.split('\n').filter((line) => / ! connected *$/.test(line))
					.length === 2,
			{what: 'two connected events', timeoutMs: 8000},
		);

		const screen = terminal.screen();
		const titles = screen.find((line) => line.startsWith('  ID '))!;
		const rows = screen.filter((line) => line.includes('● connected'));
		const statusCells = rows.map((row) => cellOf(row, '●'));
		const addressCells = rows.map((row) => cellOf(row, '127.0.0.1:'));
		expect({statusCells, addressCells}, screen.join('\n')).toEqual({
			statusCells: [cellOf(titles, 'STATUS'), cellOf(titles, 'STATUS')],
			addressCells: [cellOf(titles, 'ADDRESS'), cellOf(titles, 'ADDRESS')],
		});

		const events = screen.filter((line) => / ! connected *$/.test(line));
		const glyphCells = events.map((line) => cellOf(line, ' ! connected'));
		expect(glyphCells[0], screen.join('\n')).toBe(glyphCells[1]);
	});

	// Product bug: a line Ink measures as fitting (string-width counts 👨‍👩‍👧 as 2 cells) is wider
	// in many terminals (xterm.js, VTE: 6 cells), so the terminal wraps it, the frame grows one row
	// taller than the screen and its top (the header) scrolls away. Turning autowrap off while in the
	// alternate screen (`ESC[?7l` after `ESC[?1049h`, `ESC[?7h` on restore, source/commands/monitor.tsx)
	// makes the terminal clip such a line instead; tried by hand, the screen then stays whole.
	test('keeps the whole frame on screen when a message holds emoji sequences', async () => {
		const server = await session.testServer((socket) => {
			socket.send('family 👍🏽👨‍👩‍👧 '.repeat(20));
			socket.send('emoji-done');
		});
		session.writeRegistry([
			{id: 'emoji', port: server.port, host: '127.0.0.1', pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 80, rows: 24});
		await terminal.waitForText('emoji-done', {timeoutMs: 8000});
		await waitForPrompt(terminal, 5000);

		// Every line of the pane is a whole message line: none wrapped onto the next.
		const wrappedLines = (screen: string[]) => {
			const messagesAt = screen.findIndex((line) =>
				line.startsWith('─ messages'),
			);
			const bottomAt = screen.findIndex(
				(line, index) => index > messagesAt && /^─+ *$/.test(line),
			);
			return screen
				.slice(messagesAt + 1, bottomAt)
				.filter((line) => line.trim() !== '' && !/^\d\d:\d\d:\d\d /.test(line));
		};

		const isWhole = (screen: string[]) =>
			screen[0]!.startsWith(' shipyard · ') &&
			screen[1]!.startsWith('─ servers ') &&
			wrappedLines(screen).length === 0;
		try {
			await terminal.waitFor(() => isWhole(terminal.screen()), {
				what: 'the whole frame',
				timeoutMs: 3000,
			});
		} catch {
			// The assertions below say what is wrong.
		}

		const screen = terminal.screen();
		expect(screen[0], screen.join('\n')).toMatch(/^ shipyard · /);
		expect(screen[1]).toMatch(/^─ servers /);
		expect(wrappedLines(screen), screen.join('\n')).toEqual([]);
	});
});
