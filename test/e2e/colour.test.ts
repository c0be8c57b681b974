/**
Colour as a user gets it: the monitor in a pseudo-terminal with a person's environment
(TERM=xterm-256color; no FORCE_COLOR, CI or NO_COLOR, which the harness removes), cells read back
with their attributes from the emulator.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {type Terminal} from '../helpers/terminal.js';
import {
	createSession,
	rowPattern,
	waitForPrompt,
	type Session,
} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

/** Every cell on screen with a character in it. */
function cells(terminal: Terminal) {
	const found = [];
	for (const [row, line] of terminal.screen().entries()) {
		for (let column = 0; column < line.length; column++) {
			const cell = terminal.cell(column, row);
			if (cell && cell.text.trim() !== '') {
				found.push({row, column, ...cell});
			}
		}
	}

	return found;
}

/** The cell of the input cursor: the one drawn in inverse on the prompt's row. */
function cursorCell(terminal: Terminal) {
	const row = terminal.screen().findIndex((line) => line.startsWith('[all · '));
	const line = terminal.screen()[row] ?? '';
	for (let column = 0; column < 100; column++) {
		const cell = terminal.cell(column, row);
		if (cell?.inverse) {
			return {column, line, ...cell};
		}
	}

	return undefined;
}

async function monitorWithServer(
	env: Record<string, string> = {},
	args: string[] = [],
) {
	await session.serve('alpha');
	const terminal = session.startMonitor({env, args});
	await waitForPrompt(terminal);
	await terminal.waitForText(rowPattern('alpha', 'connected'), {
		timeoutMs: 8000,
	});
	terminal.write('hi');
	await terminal.waitForText('› hi');
	return terminal;
}

describe('colour', () => {
	test("a colour terminal gets colour by default (the user's environment, CI or not)", async () => {
		// The environment a CI runner gives would add CI=true: Ink must still draw live, in colour.
		const terminal = await monitorWithServer({});
		const coloured = cells(terminal).filter(
			(cell) => cell.foreground !== 'default',
		);
		// The status word and glyph, the server's colour, the prompt: many cells, not one.
		expect(coloured.length).toBeGreaterThan(20);
		const row = terminal
			.screen()
			.findIndex((line) => rowPattern('alpha', 'connected').test(line));
		const statusColumn = terminal.screen()[row]!.indexOf('●');
		expect(terminal.cell(statusColumn, row)?.foreground).toBe('palette');
		// The prompt is bold and coloured; the cursor after "hi" is drawn in inverse.
		const prompt = terminal.cell(
			1,
			terminal.screen().findIndex((line) => line.startsWith('[all')),
		);
		expect(prompt).toMatchObject({bold: true, foreground: 'palette'});
		expect(cursorCell(terminal)?.column).toBe(
			cursorCell(terminal)!.line.indexOf('hi') + 2,
		);
	});

	test('under CI=true in the environment too (a user who exports CI)', async () => {
		const terminal = await monitorWithServer({CI: 'true'});
		expect(cells(terminal).some((cell) => cell.foreground === 'palette')).toBe(
			true,
		);
		expect(cursorCell(terminal)).toBeDefined();
	});

	for (const [name, env, args] of [
		['NO_COLOR', {NO_COLOR: '1'}, []],
		['--no-color', {}, ['--no-color']],
		['FORCE_COLOR=0', {FORCE_COLOR: '0'}, []],
	] as const) {
		test(`${name} drops colour only: bold, dim and the inverse cursor stay`, async () => {
			const terminal = await monitorWithServer(env, [...args]);
			const all = cells(terminal);
			expect(all.filter((cell) => cell.foreground !== 'default')).toEqual([]);
			expect(all.some((cell) => cell.bold)).toBe(true);
			expect(all.some((cell) => cell.dim)).toBe(true);
			const cursor = cursorCell(terminal);
			expect(cursor?.column).toBe(cursor!.line.indexOf('hi') + 2);
		});
	}
});
