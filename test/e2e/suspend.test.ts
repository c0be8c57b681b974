/**
Suspend (Ctrl+Z, SIGTSTP) and resume (SIGCONT), and a terminal that goes away, in a real
pseudo-terminal: the demo, whose temporary registry must be gone after it exits.
*/
import fs from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {keys, startTerminal, type Terminal} from '../helpers/terminal.js';
import {waitFor} from '../helpers/wait-for.js';
import {rowPattern, waitForPrompt} from './session.js';

let terminal: Terminal | undefined;

afterEach(() => {
	terminal?.dispose();
	terminal = undefined;
});

/** The process state letter from /proc (`T` stopped, `S` sleeping, `Z` zombie …). */
function processState(pid: number): string | undefined {
	try {
		return /^\d+ \(.*\) (\w)/.exec(
			fs.readFileSync(`/proc/${pid}/stat`, 'utf8'),
		)?.[1];
	} catch {
		return undefined;
	}
}

/** Starts the demo and waits for its four servers; returns the temporary registry folder. */
async function startDemo(): Promise<{demo: Terminal; folder: string}> {
	const demo = startTerminal(['demo']);
	terminal = demo;
	await waitForPrompt(demo);
	await demo.waitForText(rowPattern('echo-alpha', 'connected'), {
		timeoutMs: 8000,
	});
	const folder = /(\/\S*shipyard-demo-\w+)\/servers\.json/.exec(
		demo.screenText(),
	)?.[1];
	expect(folder).toBeDefined();
	expect(fs.existsSync(folder!)).toBe(true);
	return {demo, folder: folder!};
}

async function waitForState(pid: number, state: string) {
	await waitFor(() => processState(pid) === state, {
		timeoutMs: 5000,
		what: `process ${pid} in state ${state} (now ${processState(pid)})`,
	});
}

describe('suspend and resume', () => {
	for (const [how, suspend] of [
		[
			'Ctrl+Z',
			(demo: Terminal) => {
				demo.write('\u001A');
			},
		],
		[
			'SIGTSTP',
			(demo: Terminal) => {
				demo.kill('SIGTSTP');
			},
		],
	] as const) {
		test(`${how} gives the terminal back and stops; SIGCONT takes it again and redraws in full`, async () => {
			const {demo, folder} = await startDemo();
			demo.write('draft');
			await demo.waitForText('› draft');

			suspend(demo);
			await waitForState(demo.pid, 'T');
			await demo.flush();
			// The normal screen, wrapping on, the cursor shown, bracketed paste off.
			expect(demo.isAlternateScreen()).toBe(false);
			expect(demo.isCursorVisible()).toBe(true);
			const output = demo.rawOutput();
			expect(output.lastIndexOf('\u001B[?7h')).toBeGreaterThan(
				output.lastIndexOf('\u001B[?7l'),
			);
			expect(output.lastIndexOf('\u001B[?2004l')).toBeGreaterThan(
				output.lastIndexOf('\u001B[?2004h'),
			);
			const before = output.length;

			process.kill(demo.pid, 'SIGCONT');
			// The whole frame again, on a fresh alternate screen: header, table, prompt with the draft.
			await demo.waitFor(
				(screen) =>
					screen.includes('shipyard ·') &&
					rowPattern('echo-bravo', 'connected').test(screen) &&
					screen.includes('› draft'),
				{what: 'the full frame after resume'},
			);
			expect(demo.isAlternateScreen()).toBe(true);
			expect(demo.rawOutput().slice(before)).toContain('\u001B[?2004h');
			// Raw mode again: a key reaches the app at once, without Enter.
			demo.write('!');
			await demo.waitForText('› draft!');

			demo.write(keys.ctrlU);
			await demo.waitFor((screen) => !screen.includes('› draft'), {
				what: 'the line cleared',
			});
			demo.write(keys.ctrlC);
			expect(await demo.exitCode()).toBe(0);
			expect(demo.isAlternateScreen()).toBe(false);
			expect(demo.isCursorVisible()).toBe(true);
			expect(fs.existsSync(folder)).toBe(false);
		});
	}
});

describe('a terminal that goes away', () => {
	test('closing it (the pane, the window, SSH) ends the demo without an abort, its folder removed', async () => {
		const {demo, folder} = await startDemo();
		const {pid} = demo;
		demo.hangUp();
		const exit = await demo.exit({timeoutMs: 8000});
		// Before: 134, Node's "Assertion failed … ResetStdio()" on the way out (SIGABRT).
		expect(exit.exitCode).not.toBe(134);
		expect(exit.signal).toBe(0);
		expect(processState(pid)).toBeUndefined();
		expect(fs.existsSync(folder)).toBe(false);
	});
});
