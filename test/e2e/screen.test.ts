/**
The screen as a whole: legible after a resize, and the terminal given back as it was on every way
out (Ctrl+C, SIGTERM, SIGHUP).
*/
import fs from 'node:fs';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys, type Terminal} from '../helpers/terminal.js';
import {waitFor} from '../helpers/wait-for.js';
import {
	createSession,
	escapeRegExp,
	promptPattern,
	rowPattern,
	type Session,
	waitForPrompt,
} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

/**
What is wrong with a screen that should show the monitor over `ids` (all connected), or `[]`.
Every non-blank line must be one of the monitor's own shapes, so a line wrapped into the next one,
a half-overwritten row or a leftover of the old frame shows up as a line nobody drew.
*/
function legibilityProblems(
	screen: string[],
	ids: string[],
	cols: number,
): string[] {
	const problems: string[] = [];
	const ids_ = ids.map((id) => escapeRegExp(id)).join('|');
	const shapes: Array<[string, RegExp]> = [
		['header', /^ shipyard · .+ · \d+ servers?: .*\? help *$/],
		['rule', /^─ servers\b.*─ *$/],
		['column titles', /^ {2}ID +STATUS +ADDRESS\b/],
		[
			'row',
			new RegExp(String.raw`^[ ▸] (${ids_}) +● connected +127\.0\.0\.1:\d+`),
		],
		['messages rule', /^─ messages · all · following ─+ *$/],
		['message', new RegExp(String.raw`^\d\d:\d\d:\d\d (${ids_}) +[!←→] \S`)],
		['bottom rule', /^─+ *$/],
		['prompt', promptPattern],
		['footer', /^ Enter send /],
	];
	for (const [index, line] of screen.entries()) {
		if (line.length > cols) {
			problems.push(`line ${index + 1} is ${line.length} cells wide: ${line}`);
		}

		if (line.trim() !== '' && !shapes.some(([, shape]) => shape.test(line))) {
			problems.push(
				`line ${index + 1} is none of the monitor's shapes: ${JSON.stringify(line)}`,
			);
		}

		if (
			line.includes('connected') &&
			index !== 0 &&
			!/^[ ▸] \S+ +● connected +127\.0\.0\.1:\d+|^\d\d:\d\d:\d\d \S+ +! connected *$/.test(
				line,
			)
		) {
			problems.push(
				`line ${index + 1} says "connected" out of place: ${JSON.stringify(line)}`,
			);
		}
	}

	if (!screen[0]?.startsWith(' shipyard · ')) {
		problems.push(
			`the header is not on the first line: ${JSON.stringify(screen[0])}`,
		);
	}

	for (const id of ids) {
		if (
			screen.filter((line) => rowPattern(id, 'connected').test(line)).length !==
			1
		) {
			problems.push(`${id} is not shown as exactly one connected row`);
		}
	}

	if (
		!screen.some((line) => line.startsWith('─ messages · all · following ─'))
	) {
		problems.push('the messages rule is missing');
	}

	// At the bottom: below it at most the footer, and the last line Ink leaves free.
	const promptAt = screen.findIndex((line) => promptPattern.test(line));
	const below = screen
		.slice(promptAt + 1)
		.filter((line) => line.trim() !== '' && !line.startsWith(' Enter send '));
	if (promptAt === -1 || promptAt < screen.length - 3 || below.length > 0) {
		problems.push(
			`the prompt is on line ${promptAt + 1} of ${screen.length}, not at the bottom`,
		);
	}

	return problems;
}

async function waitUntilLegible(
	terminal: Terminal,
	ids: string[],
	cols: number,
) {
	try {
		await terminal.waitFor(
			() => legibilityProblems(terminal.screen(), ids, cols).length === 0,
			{what: 'a legible screen', timeoutMs: 8000},
		);
	} catch {
		// Fall through to the assertion, which lists what is wrong with the last screen.
	}

	expect(
		legibilityProblems(terminal.screen(), ids, cols),
		terminal.screenText(),
	).toEqual([]);
}

describe('the screen', () => {
	test('stays legible after a resize to 60×15, and again back at 100×30', async () => {
		const ids = ['alpha', 'bravo'];
		await Promise.all(ids.map(async (id) => session.serve(id)));
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await terminal.waitFor(
			(screen) => ids.every((id) => rowPattern(id, 'connected').test(screen)),
			{what: 'two connected rows', timeoutMs: 8000},
		);
		await waitUntilLegible(terminal, ids, 100);

		terminal.resize(60, 15);
		await waitUntilLegible(terminal, ids, 60);
		const screen = terminal.screen();
		expect(screen).toHaveLength(15);
		// Still what a person needs: which servers, in what state, and where to type.
		expect(screen.join('\n')).toMatch(/^─ messages · all · following/m);
		expect(
			screen.findIndex((line) => line.startsWith('[all · 2] › ')),
		).toBeGreaterThanOrEqual(13);

		terminal.resize(100, 30);
		await waitUntilLegible(terminal, ids, 100);
		expect(
			terminal.screen().some((line) => line.startsWith(' Enter send ')),
		).toBe(true);
	});

	test('keeps the server counts in the header at 60 columns, shortening the path instead', async () => {
		const ids = ['alpha', 'bravo'];
		await Promise.all(ids.map(async (id) => session.serve(id)));
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await terminal.waitFor(
			(screen) => ids.every((id) => rowPattern(id, 'connected').test(screen)),
			{what: 'two connected rows', timeoutMs: 8000},
		);
		expect(terminal.screen()[0]).toMatch(
			/servers\.json · 2 servers: 2 connected +\? help *$/,
		);

		terminal.resize(60, 15);
		// The temporary registry path is too long for 60 columns: it gives way, the counts stay.
		await terminal.waitFor(
			(screen) =>
				/^ shipyard · \S*…\S* · 2 servers: 2 connected +\? help *$/.test(
					screen.split('\n')[0]!,
				),
			{what: 'the header with a shortened path and the counts'},
		);
	});

	test('Ctrl+C clears a non-empty line first, then quits with the terminal restored', async () => {
		const terminal = session.startMonitor();
		await terminal.waitFor((screen) => /^\[all · 0] › /m.test(screen), {
			what: 'the prompt',
			timeoutMs: 8000,
		});
		expect(terminal.isAlternateScreen()).toBe(true);

		terminal.write('a draft');
		await terminal.waitForText('[all · 0] › a draft');
		terminal.write(keys.ctrlC);
		await terminal.waitFor((screen) => !screen.includes('a draft'), {
			what: 'the draft to be cleared',
		});
		// Still running and reading keys: what is typed next shows on the line.
		terminal.write('still here');
		await terminal.waitForText('[all · 0] › still here');
		expect(terminal.isAlternateScreen()).toBe(true);

		terminal.write(keys.ctrlU);
		await terminal.waitFor((screen) => !screen.includes('still here'), {
			what: 'Ctrl+U to clear the line',
		});
		terminal.write(keys.ctrlC);

		expect(await terminal.exit({timeoutMs: 8000})).toEqual({
			exitCode: 0,
			signal: 0,
		});
		expect(terminal.isAlternateScreen()).toBe(false);
		expect(terminal.isCursorVisible()).toBe(true);
		expect(terminal.screenText()).not.toContain('shipyard ·');
	});

	test('SIGTERM quits with the terminal restored', async () => {
		await session.serve('alpha');
		const terminal = session.startMonitor();
		await terminal.waitFor(
			(screen) => rowPattern('alpha', 'connected').test(screen),
			{
				what: 'the alpha row',
				timeoutMs: 8000,
			},
		);
		expect(terminal.isAlternateScreen()).toBe(true);

		terminal.kill('SIGTERM');

		// It handles the signal and exits by itself (not killed by it), with its sockets closed.
		const exit = await terminal.exit({timeoutMs: 8000});
		expect(exit.signal).toBe(0);
		expect(terminal.isAlternateScreen()).toBe(false);
		expect(terminal.isCursorVisible()).toBe(true);
		expect(terminal.screenText()).not.toContain('shipyard ·');
	});

	test('SIGHUP (the terminal closed) quits instead of lingering', async () => {
		const terminal = session.startMonitor();
		await waitForPrompt(terminal);

		terminal.kill('SIGHUP');

		const exit = await terminal.exit({timeoutMs: 8000});
		expect(exit.signal).toBe(0);
		expect(terminal.isAlternateScreen()).toBe(false);
		expect(terminal.isCursorVisible()).toBe(true);
	});

	test('a terminal that goes away for real (writes fail, then SIGHUP) ends the process', async () => {
		// Found with tmux kill-session: every write failed with EIO, the report of that failure
		// failed too, and the process spun at 100 % CPU for good.
		const terminal = session.startMonitor();
		await waitForPrompt(terminal);
		const {pid} = terminal;

		terminal.hangUp();

		await waitFor(() => !isRunning(pid), {
			timeoutMs: 8000,
			what: `process ${pid} to end after the hang-up`,
		}).catch((error: unknown) => {
			throw new Error(
				`${String(error)}; it has used ${cpuSeconds(pid) ?? '?'} s of CPU`,
			);
		});
	});
});

/** Whether `pid` is still a running process (a zombie waiting to be reaped counts as ended). */
function isRunning(pid: number): boolean {
	try {
		return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

/** CPU time the process has used, in seconds, from /proc (undefined once it is gone). */
function cpuSeconds(pid: number): number | undefined {
	try {
		const fields = fs
			.readFileSync(`/proc/${pid}/stat`, 'utf8')
			.replace(/^.*\) /, '')
			.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}
