/**
Keys as a user's terminal sends them, in a pseudo-terminal with a person's environment: several keys
in one read, and bracketed paste.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/terminal.js';
import {
	createSession,
	messagePattern,
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

const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

async function monitorWith(...ids: string[]) {
	await Promise.all(ids.map(async (id) => session.serve(id)));
	const terminal = session.startMonitor();
	await waitForPrompt(terminal);
	for (const id of ids) {
		// eslint-disable-next-line no-await-in-loop
		await terminal.waitForText(rowPattern(id, 'connected'), {timeoutMs: 8000});
	}

	return terminal;
}

describe('keys in the pseudo-terminal', () => {
	test('turns bracketed paste on on entering the screen and off on the way out', async () => {
		const terminal = await monitorWith();
		expect(terminal.rawOutput()).toContain('\u001B[?2004h');
		terminal.write(keys.ctrlC);
		expect(await terminal.exitCode()).toBe(0);
		const output = terminal.rawOutput();
		expect(output.lastIndexOf('\u001B[?2004l')).toBeGreaterThan(
			output.lastIndexOf('\u001B[?2004h'),
		);
	});

	test('a paste with a line break and a tab does not send and keeps the target; Enter sends it whole', async () => {
		const terminal = await monitorWith('alpha', 'bravo');
		terminal.write('/to alpha\r');
		await terminal.waitForText('[alpha] › ');
		terminal.write(paste('one\ntwo\tthree'));
		await terminal.waitForText('[alpha] › one⏎two⇥three');
		// Nothing went out, and the target is still alpha.
		expect(terminal.screenText()).not.toMatch(/ → /);
		terminal.write(keys.enter);
		// The echo server answers with the text it got: the real line break came through (the pane
		// shows a received line break as ␊).
		await terminal.waitForText(/alpha +← \[alpha] Echo: one␊two\s+three/, {
			timeoutMs: 8000,
		});
		expect(terminal.screenText()).not.toMatch(/bravo +←/);
	});

	test('keys in one read are taken one by one: abc⌫⌫XY^A>^E< gives >aXY<', async () => {
		const terminal = await monitorWith('alpha');
		terminal.write('abc\u007F\u007FXY\u0001>\u0005<');
		await terminal.waitForText('› >aXY<');
	});

	test('/to echo-alpha⏎only for alpha⏎ in one read sends to that server only', async () => {
		const terminal = await monitorWith('echo-alpha', 'bravo');
		terminal.write('/to echo-alpha\ronly for alpha\r');
		// Judged on one settled screen: a later read may catch the next frame half drawn.
		let shown = '';
		await terminal.waitFor(
			(screen) => {
				shown = screen;
				return (
					messagePattern(
						'echo-alpha',
						'←',
						'[echo-alpha] Echo: only for alpha',
					).test(screen) && screen.includes('[echo-alpha] › ')
				);
			},
			{timeoutMs: 8000, what: "alpha's echo and the prompt targeting alpha"},
		);
		expect(shown).not.toMatch(/bravo +[→←] only/);
	});
});
