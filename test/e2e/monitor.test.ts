/**
The monitor as a person sees it: `dist/cli.js` in a real pseudo-terminal, real `serve` processes
registering in a temporary registry, assertions on the screen @xterm/headless shows.
*/
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys} from '../helpers/terminal.js';
import {
	countMatches,
	createSession,
	messagePattern,
	promptPattern,
	rowPattern,
	type Session,
} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

describe('the monitor in a pseudo-terminal', () => {
	test('shows servers as connected rows as soon as they register', async () => {
		const terminal = session.startMonitor();
		await terminal.waitForText('no servers registered yet', {timeoutMs: 8000});
		expect(terminal.screen()[0]).toMatch(
			/^ shipyard · .*servers\.json.* 0 servers/,
		);

		await Promise.all([session.serve('alpha'), session.serve('bravo')]);

		// Judged on the one settled screen that shows both rows: a later read may catch a frame half drawn.
		const screen = await terminal.waitFor(
			(screen) =>
				rowPattern('alpha', 'connected').test(screen) &&
				rowPattern('bravo', 'connected').test(screen) &&
				screen.split('\n').some((line) => line.startsWith('[all · 2] › ')),
			{what: 'alpha and bravo as connected rows', timeoutMs: 8000},
		);
		expect(screen).not.toContain('no servers registered yet');
		expect(screen.split('\n')[0]).toMatch(/ 2 servers: 2 connected/);
		expect(screen).toMatch(messagePattern('alpha', '!', 'connected'));
		expect(screen).toMatch(messagePattern('bravo', '!', 'connected'));
	});

	test('sends a typed line to every server on Enter and shows each echo', async () => {
		await Promise.all([
			session.serve('alpha'),
			session.serve('bravo'),
			session.serve('charlie'),
		]);
		const terminal = session.startMonitor();
		await terminal.waitFor(
			(screen) =>
				['alpha', 'bravo', 'charlie'].every((id) =>
					rowPattern(id, 'connected').test(screen),
				),
			{what: 'three connected rows', timeoutMs: 8000},
		);
		await terminal.waitForText('[all · 3] › ');

		terminal.write('hello e2e');
		await terminal.waitForText('[all · 3] › hello e2e');
		terminal.write(keys.enter);

		const screen = await terminal.waitFor(
			(screen) =>
				['alpha', 'bravo', 'charlie'].every(
					(id) =>
						messagePattern(id, '→', 'hello e2e').test(screen) &&
						messagePattern(id, '←', `[${id}] Echo: hello e2e`).test(screen),
				),
			{what: 'one sent line and one echo per server', timeoutMs: 8000},
		);
		// Exactly one of each per server: nothing sent twice, nothing echoed twice.
		expect(countMatches(screen, /→ hello e2e *$/m)).toBe(3);
		expect(countMatches(screen, /← \[\w+] Echo: hello e2e *$/m)).toBe(3);
		// The line is cleared for the next message.
		const prompt = screen.split('\n').find((line) => promptPattern.test(line));
		expect(prompt).toBeDefined();
		expect(prompt).not.toContain('hello e2e');
	});

	test('marks a SIGKILLed server stale (pid gone) while the others stay connected', async () => {
		const [alpha, bravo, charlie] = await Promise.all([
			session.serve('alpha'),
			session.serve('bravo'),
			session.serve('charlie'),
		]);
		const terminal = session.startMonitor();
		await terminal.waitFor(
			(screen) =>
				['alpha', 'bravo', 'charlie'].every((id) =>
					rowPattern(id, 'connected').test(screen),
				),
			{what: 'three connected rows', timeoutMs: 8000},
		);

		bravo.kill('SIGKILL');

		// The pane says why: the process is gone (reaped or still a zombie, depending on timing).
		const why = new RegExp(
			String.raw`^\d\d:\d\d:\d\d bravo +! stale: process ${bravo.pid} is gone \((no such process|zombie)\); not retrying *$`,
			'm',
		);
		const screen = await terminal.waitFor(
			(screen) =>
				rowPattern('bravo', 'stale').test(screen) &&
				why.test(screen) &&
				screen.split('\n')[0]!.includes('3 servers: 2 connected · 1 stale'),
			{what: 'the bravo row to become stale, and why', timeoutMs: 8000},
		);
		const bravoRow = screen
			.split('\n')
			.find((line) => rowPattern('bravo', 'stale').test(line));
		expect(bravoRow).toMatch(/ pid gone *$/);
		expect(screen).toMatch(why);
		expect(screen).toMatch(rowPattern('alpha', 'connected'));
		expect(screen).toMatch(rowPattern('charlie', 'connected'));
		expect(alpha.exitCode).toBeNull();
		expect(charlie.exitCode).toBeNull();
	});
});
