import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {
	keys,
	startTerminal,
	type Terminal,
	type TerminalOptions,
} from './terminal.js';

const fixtures = path.join(
	path.dirname(fileURLToPath(import.meta.url)),
	'fixtures',
);

let terminal: Terminal | undefined;

afterEach(() => {
	terminal?.dispose();
	terminal = undefined;
});

function startFixture(name: string, options: TerminalOptions = {}): Terminal {
	terminal = startTerminal([path.join(fixtures, name)], {
		command: process.execPath,
		...options,
	});
	return terminal;
}

describe('startTerminal', () => {
	test('shows what the program printed and delivers typed keys to its stdin', async () => {
		const terminal = startFixture('echo-line.mjs', {cols: 200});
		await terminal.waitForText('name?');
		terminal.write(`Ada${keys.enter}`);
		await terminal.waitForText('hello, Ada!');
		expect(await terminal.exitCode()).toBe(0);
		// The pty echoes what was typed, as a person would see it.
		expect(terminal.screen().slice(1, 4)).toEqual([
			'name?',
			'Ada',
			'hello, Ada!',
		]);
		expect(terminal.screen()).toHaveLength(30);
	});

	test("sets TERM, drops COLUMNS, LINES, FORCE_COLOR, NO_COLOR and CI inherited from the parent (a user's environment), and adds env", async () => {
		const saved = {...process.env};
		Object.assign(process.env, {
			COLUMNS: '7',
			LINES: '3',
			FORCE_COLOR: '3',
			NO_COLOR: '1',
			CI: 'true',
			CONTINUOUS_INTEGRATION: 'true',
			TERM: 'dumb',
		});
		try {
			const terminal = startFixture('echo-line.mjs', {
				cols: 200,
				env: {SHIPYARD_PROBE: 'passed'},
			});
			await terminal.waitForText('name?');
			expect(terminal.screen()[0]).toBe(
				'TERM=xterm-256color COLUMNS=undefined LINES=undefined FORCE_COLOR=undefined NO_COLOR=undefined CI=undefined CONTINUOUS_INTEGRATION=undefined probe=passed',
			);
		} finally {
			for (const name of [
				'COLUMNS',
				'LINES',
				'FORCE_COLOR',
				'NO_COLOR',
				'CI',
				'CONTINUOUS_INTEGRATION',
				'TERM',
			]) {
				if (saved[name] === undefined) {
					// eslint-disable-next-line @typescript-eslint/no-dynamic-delete
					delete process.env[name];
				} else {
					process.env[name] = saved[name];
				}
			}
		}
	});

	test('tracks the alternate screen, hidden cursor and title, and sees them restored on Ctrl+C', async () => {
		const terminal = startFixture('alternate-screen.mjs');
		await terminal.waitForText('in the alternate screen');
		expect(terminal.isAlternateScreen()).toBe(true);
		expect(terminal.isCursorVisible()).toBe(false);
		expect(terminal.title()).toBe('fixture title');
		expect(terminal.screenText()).not.toContain('on the main screen');

		terminal.write(keys.ctrlC);
		expect(await terminal.exitCode()).toBe(130);
		expect(terminal.isAlternateScreen()).toBe(false);
		expect(terminal.isCursorVisible()).toBe(true);
		expect(terminal.title()).toBe('');
		expect(terminal.titles()).toEqual(['fixture title', '']);
		expect(terminal.screen().slice(0, 2)).toEqual([
			'on the main screen',
			'restored',
		]);
		expect(terminal.rawOutput()).toContain('\u001B[?1049h\u001B[?25l');
	});

	test("answers the program's ESC[6n like a real terminal and records the reply it forwards", async () => {
		const terminal = startFixture('cursor-report.mjs');
		await terminal.waitForText(/read [\da-f]+/);
		// The cursor was at row 2, column 1 when the program asked.
		expect(terminal.repliesToProgram()).toBe('\u001B[2;1R');
		expect(terminal.screen()[1]).toBe(
			`read ${Buffer.from('\u001B[2;1R').toString('hex')}`,
		);
		expect(await terminal.exitCode()).toBe(0);
	});

	test('resizes the pty and the emulator together', async () => {
		const terminal = startFixture('size-report.mjs', {cols: 100, rows: 30});
		await terminal.waitForText('size 100x30');
		terminal.resize(60, 20);
		await terminal.waitForText('size 60x20');
		const screen = terminal.screen();
		expect(screen).toHaveLength(20);
		// The 80-column rule now wraps at 60 columns.
		expect(Math.max(...screen.map((line) => line.length))).toBe(60);
		expect(screen).toContain('-'.repeat(60));
		expect(screen).toContain('-'.repeat(20));
	});

	test('reports a program killed by a signal as 128 plus the signal number', async () => {
		const terminal = startFixture('size-report.mjs');
		await terminal.waitForText('size 100x30');
		terminal.kill('SIGTERM');
		expect(await terminal.exit()).toEqual({exitCode: 0, signal: 15});
		expect(await terminal.exitCode()).toBe(143);
	});
});

describe('waiting', () => {
	test('fails with the last screen in the message when the text never shows', async () => {
		const terminal = startFixture('echo-line.mjs');
		await terminal.waitForText('name?');
		const waiting = terminal.waitForText('never shown', {timeoutMs: 200});
		await expect(waiting).rejects.toThrow(
			/timed out after 200 ms waiting for never shown/,
		);
		await expect(waiting).rejects.toThrow(/\n│name\?\n/);
	});

	test('stops waiting as soon as the program has exited', async () => {
		const terminal = startFixture('echo-line.mjs');
		await terminal.waitForText('name?');
		terminal.write(`Ada${keys.enter}`);
		// The message tells it stopped because the program exited, not at the 20 s deadline.
		await expect(
			terminal.waitForText('never shown', {timeoutMs: 20_000}),
		).rejects.toThrow(/the program exited with code 0 waiting for never shown/);
	});

	test('rejects when the program does not exit in time', async () => {
		const terminal = startFixture('size-report.mjs');
		await terminal.waitForText('size 100x30');
		await expect(terminal.exitCode({timeoutMs: 100})).rejects.toThrow(
			/did not exit within 100 ms/,
		);
	});
});
