/**
Issue 11 in a real terminal: find a line (highlighted, counted, jumped to), filter the pane, copy a
message over OSC 52 (the bytes in the raw output decode to it), and change the time stamps.
*/
import {Buffer} from 'node:buffer';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {createSession, type Session, waitForPrompt} from './session.js';

let session: Session;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	await session.stop();
});

const ctrl = (letter: string) =>
	String.fromCodePoint(letter.codePointAt(0)! - 0x60);

/** The texts of every OSC 52 sequence the program wrote, decoded. */
function clipboardWrites(raw: string): string[] {
	// eslint-disable-next-line no-control-regex -- the sequence is made of controls
	return [...raw.matchAll(/\u001B]52;c;([A-Za-z\d+/=]*)\u0007/g)].map((match) =>
		Buffer.from(match[1]!, 'base64').toString('utf8'),
	);
}

describe('find, filter and copy', () => {
	test('a search highlights and jumps, a filter hides with a count, Ctrl+Y copies the match inert', async () => {
		const api = await session.testServer((socket) => {
			socket.send('api ready');
			socket.send('api error: disk full \u001B]0;pwned\u0007');
			socket.send('api fine');
		});
		const worker = await session.testServer((socket) => {
			socket.send('{"type":"job","payload":{"n":5,"note":"error in job"}}');
			socket.send('worker idle');
		});
		session.writeRegistry([
			{id: 'api', port: api.port, pid: process.pid},
			{id: 'worker', port: worker.port, pid: process.pid},
		]);
		const terminal = session.startMonitor({cols: 100, rows: 30});
		await waitForPrompt(terminal);
		await terminal.waitForText('worker idle');
		await terminal.waitForText('api fine');

		// Ctrl+F types `/find `; the search counts its matches and marks them.
		terminal.write(ctrl('f'));
		await terminal.waitForText(/› \/find +$/m);
		terminal.write('error\r');
		await terminal.waitForText('find "error" · 2 matches · following');

		// Ctrl+P: the newest match is current, the pane pauses on it.
		terminal.write(ctrl('p'));
		const jumped = await terminal.waitForText(/find "error" · 2\/2 · paused/);
		const rows = jumped.split('\n');
		const row = rows.findIndex((line) => line.includes('"error in job"'));
		expect(row).toBeGreaterThan(0);
		const column = rows[row]!.indexOf('error in job');
		expect(terminal.cell(column, row)?.inverse).toBe(true);
		expect(terminal.cell(column - 2, row)?.inverse).toBe(false);
		terminal.write(ctrl('p'));
		await terminal.waitForText(/find "error" · 1\/2 · paused/);

		// Ctrl+Y copies the current match: the escape it carried arrives as text, never as a title.
		terminal.write(ctrl('y'));
		await terminal.waitForText(/copied \d+ B/);
		const copied = clipboardWrites(terminal.rawOutput());
		expect(copied).toHaveLength(1);
		expect(copied[0]).toMatch(/^api error: disk full .*pwned/);
		// eslint-disable-next-line no-control-regex -- nothing active may be in the clipboard
		expect(copied[0]).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(terminal.titles()).toEqual([]);

		// A filter: only the worker's JSON line; the rule counts what it hides (system lines too).
		terminal.write('/filter @worker payload.n>3\r');
		const filtered = await terminal.waitForText(
			/filter @worker payload\.n>3 · 8 hidden · find "error" · 1 match · following/,
		);
		expect(filtered).not.toContain('api fine');
		expect(filtered).not.toContain('worker idle');
		expect(filtered).toContain('"error in job"');

		// A bad term changes nothing and says why.
		terminal.write('/filter payload.n>x\r');
		const refused = await terminal.waitForText(/the filter is unchanged/);
		expect(refused).toContain('filter @worker payload.n>3 · 8 hidden');

		// /time: milliseconds on every line.
		terminal.write('/time\r');
		await terminal.waitForText(
			/^\d\d:\d\d:\d\d\.\d{3} worker +← job · {"payload"/m,
		);
	});
});
