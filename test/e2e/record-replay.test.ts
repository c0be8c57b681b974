/**
Issue 12 items 1 and 2 on the real screen: `replay` of a committed recording with the monitor over
it, and `/record` started and stopped from the input line.
*/
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {keys, startTerminal, type Terminal} from '../helpers/terminal.js';
import {createSession, waitForPrompt, type Session} from './session.js';

const fixture = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../fixtures/replay-small-session.ndjson',
);

let session: Session;
let replay: Terminal | undefined;

beforeEach(() => {
	session = createSession();
});

afterEach(async () => {
	replay?.dispose();
	replay = undefined;
	await session.stop();
});

describe('replay in the pseudo-terminal', () => {
	test('serves a committed recording to the monitor it starts, then ends cleanly with its temporary registry gone', async () => {
		replay = startTerminal(['replay', fixture, '--speed', '2'], {
			cols: 100,
			rows: 30,
		});
		const screen = await replay.waitFor(
			(text) =>
				/alpha\s+● connected/.test(text) &&
				/beta\s+● connected/.test(text) &&
				/gamma\s+● connected/.test(text),
			{what: 'the three recorded servers connected', timeoutMs: 10_000},
		);
		const registry = /shipyard · (\S+servers\.json)/.exec(screen)?.[1];
		expect(registry).toMatch(/shipyard-replay-/);
		// The frames come at their recorded pace: the last tick, the binary frame, the escapes inert.
		const played = await replay.waitForText('tick · {"n":11}', {
			timeoutMs: 10_000,
		});
		expect(played).toContain('binary 5 B · 00 01 02 ff fe');
		expect(played).toContain('ünïcödé ✓ 漢字');
		expect(played).toMatch(/␛\[31mred|red/);
		expect(replay.title()).toBe('');
		// At the end the servers leave the registry, and the monitor drops them.
		await replay.waitFor((text) => !/alpha\s+● connected/.test(text), {
			what: 'the replayed servers gone',
			timeoutMs: 10_000,
		});
		replay.write(`/quit${keys.enter}`);
		expect(await replay.exitCode()).toBe(0);
		await replay.flush();
		expect(replay.screenText()).toContain('ended cleanly');
		expect(fs.existsSync(path.dirname(registry!))).toBe(false);
	}, 30_000);
});

describe('/record in the monitor', () => {
	test('starts with a REC mark, records what is shown, stops with its size and drops, and refuses an existing file or a link', async () => {
		const server = await session.testServer((socket) => {
			socket.on('message', (data: Buffer) => {
				socket.send(`echo ${data.toString()}`);
			});
		});
		session.writeRegistry([{id: 'echo', port: server.port, pid: process.pid}]);
		const folder = path.dirname(session.registryPath);
		const file = path.join(folder, 'session.ndjson');
		const monitor = session.startMonitor({cols: 100, rows: 30});
		await waitForPrompt(monitor);
		await monitor.waitForText(/echo\s+● connected/);

		monitor.write(`/record ${file}${keys.enter}`);
		const started = await monitor.waitForText(
			/^ recording to .*session\.ndjson · 0 B · 0 dropped · \/record stops$/m,
		);
		expect(started.split('\n')[0]).toMatch(/● REC \d/);

		monitor.write(`ping-1${keys.enter}`);
		await monitor.waitForText('echo ping-1');
		monitor.write(`/record${keys.enter}`);
		const stopped = await monitor.waitForText(
			/stopped recording to .*session\.ndjson · [\d.]+ (B|KiB) · 0 dropped$/m,
		);
		expect(stopped.split('\n')[0]).not.toContain('REC');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		const recorded = fs.readFileSync(file, 'utf8');
		expect(recorded).toContain(
			'"direction":"out","kind":"text","bytes":6,"text":"ping-1"',
		);
		expect(recorded).toContain('"text":"echo ping-1"');
		expect(recorded).toMatch(/"event":"stop".*"dropped":0/);

		monitor.write(`/record ${file}${keys.enter}`);
		await monitor.waitForText('already exists');
		const link = path.join(folder, 'link.ndjson');
		fs.symlinkSync(file, link);
		monitor.write(`/record! ${link}${keys.enter}`);
		await monitor.waitForText('is a symbolic link; it is never followed');
		expect(fs.readFileSync(file, 'utf8')).toBe(recorded);
		monitor.write(`/record${keys.enter}`);
		await monitor.waitForText('not recording; /record <file> starts');
	}, 30_000);

	test('--record to a path that cannot be made says why in the pane, and the monitor goes on', async () => {
		const server = await session.testServer((socket) => {
			socket.send('still here');
		});
		session.writeRegistry([{id: 'echo', port: server.port, pid: process.pid}]);
		const file = path.join(
			path.dirname(session.registryPath),
			'no/such/folder/x.ndjson',
		);
		const monitor = session.startMonitor({
			cols: 100,
			rows: 30,
			args: ['--record', file],
		});
		const screen = await monitor.waitForText(/echo\s+← still here/, {
			timeoutMs: 8000,
		});
		expect(screen).toMatch(/could not record to .*no\/such\/folder/);
		expect(screen.split('\n')[0]).not.toContain('REC');
	}, 30_000);
});
