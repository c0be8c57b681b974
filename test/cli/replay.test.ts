import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {exited, runCli, startCli} from '../helpers/processes.js';
import {makeTemporaryFolder} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

const fixture = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../fixtures/replay-small-session.ndjson',
);
const fixtureFrames = fs
	.readFileSync(fixture, 'utf8')
	.split('\n')
	.filter((line) => line.includes('"direction":"in"')).length;

let temporary: ReturnType<typeof makeTemporaryFolder>;
const children: Array<ReturnType<typeof startCli>> = [];

beforeEach(() => {
	temporary = makeTemporaryFolder();
});

afterEach(async () => {
	for (const child of children.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}

		// eslint-disable-next-line no-await-in-loop
		await exited(child);
	}

	temporary.cleanup();
});

const registeredIds = (registryPath: string) =>
	(
		JSON.parse(fs.readFileSync(registryPath, 'utf8')) as {
			servers: Array<{id: string}>;
		}
	).servers.map((server) => server.id);

describe('shipyard-tui replay --registry', () => {
	it('serves a committed recording to a monitor, reports bad lines by number, prints progress, and ends with its entries removed', async () => {
		// The fixture with hostile lines in it: not JSON, a wrong time, an escape sequence.
		const lines = fs.readFileSync(fixture, 'utf8').split('\n');
		const file = path.join(temporary.folder, 'session.ndjson');
		fs.writeFileSync(
			file,
			[
				lines[0],
				'not json at all',
				...lines.slice(1, 5),
				String.raw`{"type":"message","time":"\u001b]0;pwned\u0007","server":"a","direction":"in","kind":"text","data":""}`,
				...lines.slice(5),
			].join('\n'),
		);
		const monitor = startCli(['--json', '--registry', temporary.registryPath]);
		children.push(monitor);
		const replay = startCli([
			'replay',
			file,
			'--registry',
			temporary.registryPath,
			'--speed',
			'2',
		]);
		children.push(replay);
		expect(await exited(replay, 20_000)).toBe(0);
		const stderr = replay.output();
		expect(stderr).toContain('line 2: not JSON (skipped)');
		expect(stderr).toMatch(/line 7: time: is not a time \(skipped\)/);
		expect(stderr).toMatch(/serving alpha on 127\.0\.0\.1:\d+, beta on/);
		expect(stderr).toMatch(
			new RegExp(`pass 1 · ${fixtureFrames}/${fixtureFrames} frames`),
		);
		expect(stderr).toContain('ended cleanly: servers closed, entries removed');
		// Nothing from the file reaches the terminal raw.
		expect(stderr).not.toContain('\u001B');
		expect(registeredIds(temporary.registryPath)).toEqual([]);
		// The monitor saw every recorded inbound frame, byte for byte where it matters (binary).
		await waitFor(
			() =>
				monitor
					.output()
					.split('\n')
					.filter((line) => line.includes('"direction":"in"')).length ===
				fixtureFrames,
			{what: 'every replayed frame in the --json stream', timeoutMs: 10_000},
		);
		expect(monitor.output()).toContain('binary 5 B · 00 01 02 ff fe');
		expect(monitor.output()).toContain('ünïcödé ✓ 漢字');
	}, 30_000);

	it('--loop plays again until SIGTERM, then closes its servers and removes its entries', async () => {
		const replay = startCli([
			'replay',
			fixture,
			'--registry',
			temporary.registryPath,
			'--speed',
			'20',
			'--loop',
		]);
		children.push(replay);
		await waitFor(() => registeredIds(temporary.registryPath).length === 3, {
			what: 'three servers registered',
			timeoutMs: 10_000,
		});
		const monitor = startCli(['--json', '--registry', temporary.registryPath]);
		children.push(monitor);
		await waitFor(() => replay.output().includes('pass 2'), {
			what: 'a second pass',
			timeoutMs: 15_000,
		});
		replay.kill('SIGTERM');
		expect(await exited(replay)).toBe(0);
		expect(replay.output()).toContain('ended cleanly');
		expect(registeredIds(temporary.registryPath)).toEqual([]);
	}, 30_000);

	it('says what is wrong with the command line or the file', async () => {
		const none = await runCli(['replay']);
		expect(none.code).toBe(2);
		expect(none.stderr).toContain('replay needs the recording to play');
		const speed = await runCli([
			'replay',
			fixture,
			'--speed',
			'0',
			'--registry',
			temporary.registryPath,
		]);
		expect(speed.code).toBe(2);
		expect(speed.stderr).toContain(
			'--speed must be a factor from 0.01 to 1000',
		);
		const missing = await runCli([
			'replay',
			path.join(temporary.folder, 'nope.ndjson'),
			'--registry',
			temporary.registryPath,
		]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/cannot read .*nope\.ndjson \(ENOENT\)/);
		const folder = await runCli([
			'replay',
			temporary.folder,
			'--registry',
			temporary.registryPath,
		]);
		expect(folder.code).toBe(1);
		expect(folder.stderr).toContain('is not a regular file');
	}, 30_000);
});

describe('--record on the --json stream', () => {
	it('records what the stream shows, 0600; an existing file is refused with a message and the stream goes on', async () => {
		const file = path.join(temporary.folder, 'session.ndjson');
		fs.writeFileSync(temporary.registryPath, JSON.stringify({servers: []}));
		const first = startCli([
			'--json',
			'--registry',
			temporary.registryPath,
			'--record',
			file,
		]);
		children.push(first);
		await waitFor(() => first.output().includes('"type":"registry"'), {
			what: 'the stream',
		});
		await waitFor(
			() =>
				fs.existsSync(file) &&
				fs.readFileSync(file, 'utf8').includes('"registry"'),
			{
				what: 'the recording',
			},
		);
		first.kill('SIGINT');
		expect(await exited(first)).toBe(0);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file, 'utf8')).toMatch(
			/"event":"stop".*"dropped":0/,
		);

		const before = fs.readFileSync(file, 'utf8');
		const second = startCli([
			'--json',
			'--registry',
			temporary.registryPath,
			'--record',
			file,
		]);
		children.push(second);
		await waitFor(() => second.output().includes('already exists'), {
			what: 'the refusal',
		});
		await waitFor(() => second.output().includes('"type":"registry"'), {
			what: 'the stream going on',
		});
		second.kill('SIGINT');
		expect(await exited(second)).toBe(0);
		expect(fs.readFileSync(file, 'utf8')).toBe(before);
	}, 30_000);
});
