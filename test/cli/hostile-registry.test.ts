import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {readRegistry} from '../../source/core/registry/read.js';
import {exited, runCli, startCli} from '../helpers/processes.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let child: ReturnType<typeof startCli> | undefined;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	child?.kill('SIGKILL');
	child = undefined;
	temporary.cleanup();
});

// Before the fix each of these blocked for ever in a read of the FIFO; the deadline turns that
// into a failure.
const deadline = {timeoutMs: 8000};

test('list is not frozen by a FIFO in servers.d and names it (issue 9, item 2)', async () => {
	fs.writeFileSync(temporary.registryPath, registryText([entry('good')]));
	fs.mkdirSync(path.join(temporary.folder, 'servers.d'));
	execFileSync('mkfifo', [path.join(temporary.folder, 'servers.d', 'zz.json')]);
	const result = await runCli(
		['list', '--registry', temporary.registryPath],
		deadline,
	);
	expect(result.code).toBe(0);
	expect(result.stdout).toMatch(/^good\s/m);
	expect(result.stderr).toMatch(
		/warning: .*servers\.d\/zz\.json: is a FIFO, not a regular file; not read/,
	);
});

test('the --json stream keeps going when a FIFO appears in servers.d while it runs', async () => {
	const dropIns = path.join(temporary.folder, 'servers.d');
	fs.mkdirSync(dropIns);
	child = startCli(['--json', '--registry', temporary.registryPath]);
	await waitFor(() => child!.output().includes('"type":"registry"'), {
		what: 'the first registry event',
	});
	execFileSync('mkfifo', [path.join(dropIns, 'zz.json')]);
	await waitFor(
		() => child!.output().includes('zz.json: is a FIFO, not a regular file'),
		{what: 'a warning naming the FIFO', ...deadline},
	);
	fs.writeFileSync(
		path.join(dropIns, 'aa.json'),
		JSON.stringify(entry('later')),
	);
	await waitFor(() => child!.output().includes('"id":"later"'), {
		what: 'a later registry change to be read',
		...deadline,
	});
	child.kill('SIGINT');
	await exited(child, 5000);
});

test('list is not frozen by a registry file that is a FIFO', async () => {
	execFileSync('mkfifo', [temporary.registryPath]);
	const result = await runCli(
		['list', '--json', '--registry', temporary.registryPath],
		deadline,
	);
	expect(result.code).toBe(0);
	const output = JSON.parse(result.stdout) as {
		warnings: Array<{text: string}>;
	};
	expect(output.warnings.map((warning) => warning.text)).toEqual([
		expect.stringMatching(/servers\.json: is a FIFO, not a regular file/),
	]);
});

test('serve starts although servers.json.lock is a symlink to a FIFO', async () => {
	const fifo = path.join(temporary.folder, 'trap');
	execFileSync('mkfifo', [fifo]);
	fs.symlinkSync(fifo, `${temporary.registryPath}.lock`);
	child = startCli([
		'serve',
		'--id',
		'a',
		'--registry',
		temporary.registryPath,
	]);
	await waitFor(() => child!.output().includes('WebSocket echo server'), {
		what: 'serve to listen and register',
		...deadline,
	});
	expect(readRegistry(temporary.registryPath).servers.map((s) => s.id)).toEqual(
		['a'],
	);
});

test('serve replaces a registry file that is a FIFO instead of waiting on it', async () => {
	execFileSync('mkfifo', [temporary.registryPath]);
	child = startCli([
		'serve',
		'--id',
		'a',
		'--registry',
		temporary.registryPath,
	]);
	await waitFor(() => child!.output().includes('WebSocket echo server'), {
		what: 'serve to listen and register',
		...deadline,
	});
	expect(readRegistry(temporary.registryPath).servers.map((s) => s.id)).toEqual(
		['a'],
	);
});

test('list acts on --max-servers entries and says how many there are (issue 9, item 9)', async () => {
	fs.writeFileSync(
		temporary.registryPath,
		registryText([entry('s1'), entry('s2'), entry('s3')]),
	);
	const result = await runCli([
		'list',
		'--max-servers',
		'2',
		'--registry',
		temporary.registryPath,
	]);
	expect(result.code).toBe(0);
	expect(result.stdout).toMatch(/^s2\s/m);
	expect(result.stdout).not.toMatch(/^s3\s/m);
	expect(result.stderr).toContain(
		'3 entries; acting on the first 2 (raise with --max-servers)',
	);

	const bad = await runCli(['list', '--max-servers', '0']);
	expect(bad.code).toBe(2);
	expect(bad.stderr).toContain(
		'--max-servers must be a whole number of servers from 1 to 100000, got "0"',
	);
});

test('list warns when others can write the registry (issue 9, item 4)', async () => {
	fs.writeFileSync(temporary.registryPath, registryText([entry('s1')]));
	fs.chmodSync(temporary.folder, 0o777);
	const result = await runCli(['list', '--registry', temporary.registryPath]);
	expect(result.code).toBe(0);
	expect(result.stderr).toMatch(
		/warning: .*: registry folder is writable by group and others \(mode 777\): others can change which servers you connect to/,
	);
});

test('prune warns when others can write the registry folder', async () => {
	fs.writeFileSync(temporary.registryPath, registryText([entry('s1')]));
	fs.chmodSync(temporary.folder, 0o777);
	const result = await runCli(['prune', '--registry', temporary.registryPath]);
	expect(result.code).toBe(0);
	expect(result.stderr).toMatch(
		/^warning: .*: registry folder is writable by group and others \(mode 777\)/,
	);
});

test('list survives an entry nested 5000 deep and keeps the good one (issue 9, item 1)', async () => {
	const deep = JSON.stringify(entry('deep')).slice(0, -1);
	fs.writeFileSync(
		temporary.registryPath,
		`{"servers": [${JSON.stringify(entry('good'))}, ${deep}, "x": ${'['.repeat(5000)}${']'.repeat(5000)}}]}`,
	);
	const result = await runCli([
		'list',
		'--json',
		'--registry',
		temporary.registryPath,
	]);
	expect(result.code).toBe(0);
	const output = JSON.parse(result.stdout) as {servers: Array<{id: string}>};
	expect(output.servers.map((server) => server.id)).toEqual(['good', 'deep']);
});
