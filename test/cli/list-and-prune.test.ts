import fs from 'node:fs';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {readRegistry} from '../../source/core/registry/read.js';
import {exited, runCli, serveProcesses} from '../helpers/processes.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
const servers = serveProcesses(() => temporary.registryPath);
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	servers.stopAll();
	temporary.cleanup();
});

describe('list', () => {
	test('reports a SIGKILLed server as stale and a running one as alive', async () => {
		const running = await servers.start('running');
		const killed = await servers.start('killed');
		killed.kill('SIGKILL');
		await exited(killed);

		const table = await runCli(['list', '--registry', temporary.registryPath]);
		expect(table.code).toBe(0);
		const lines = table.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^ID\s+ADDRESS\s+PID\s+AGE\s+STATUS$/);
		expect(lines.find((line) => line.startsWith('running'))).toMatch(
			new RegExp(
				String.raw`^running\s+127\.0\.0\.1:\d+\s+${running.pid}\s+\d+s\s+alive$`,
			),
		);
		expect(lines.find((line) => line.startsWith('killed'))).toMatch(
			/stale \(no such process\)$/,
		);

		const json = await runCli([
			'list',
			'--json',
			'--registry',
			temporary.registryPath,
		]);
		const parsed = JSON.parse(json.stdout) as {
			servers: Array<{id: string; status: string}>;
		};
		expect(
			parsed.servers
				.map((server) => [server.id, server.status])
				.toSorted((a, b) => a[0]!.localeCompare(b[0]!)),
		).toEqual([
			['killed', 'stale'],
			['running', 'alive'],
		]);
	});

	test('prints warnings to stderr, keeps the good entries, and never prints a token', async () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([
				entry('good', {token: 'hunter2'}),
				{id: 'bad', port: 'x', pid: 1},
			]),
		);
		const result = await runCli([
			'list',
			'--json',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain('hunter2');
		expect(result.stderr).toMatch(
			/warning: .*servers\.json: entry 1 "bad": field "port"/,
		);
	});

	test('says so when the registry does not exist yet', async () => {
		const result = await runCli(['list'], {
			env: {SHIPYARD_REGISTRY: temporary.registryPath},
		});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/No servers in .*servers\.json \(the file does not exist yet\)/,
		);
	});

	test('escapes control characters in ids from the registry', async () => {
		fs.writeFileSync(
			temporary.registryPath,
			registryText([entry('evil\u001B]0;pwned\u0007id')]),
		);
		const result = await runCli(['list', '--registry', temporary.registryPath]);
		expect(result.stdout).not.toContain('\u001B');
		expect(result.stdout).toContain('␛]0;pwned␇id');
	});
});

describe('prune', () => {
	test('removes only the entries of processes that are gone', async () => {
		await servers.start('keep');
		const killed = await servers.start('drop');
		killed.kill('SIGKILL');
		await exited(killed);
		const result = await runCli([
			'prune',
			'--registry',
			temporary.registryPath,
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/^removed drop \(pid \d+: no such process\)$/m,
		);
		expect(
			readRegistry(temporary.registryPath).servers.map((server) => server.id),
		).toEqual(['keep']);
	});
});

describe('the command line', () => {
	test('an unknown flag is a clear error with exit code 2', async () => {
		const result = await runCli(['list', '--colour']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('unknown option --colour');
		expect(result.stderr).toContain('shipyard-tui --help');
	});

	test('a flag of another command is named as such', async () => {
		const result = await runCli(['list', '--port', '80']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--port does not apply to "list"');
	});

	test('an unknown command is a clear error with exit code 2', async () => {
		const result = await runCli(['lsit']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('unknown command "lsit"');
	});

	test('a bad port is a clear error with exit code 2', async () => {
		const result = await runCli(['serve', '--port', 'eighty']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(
			'--port must be a whole number from 0 to 65535, got "eighty"',
		);
	});

	test('--version prints the package version and --help lists every command', async () => {
		const pkg = JSON.parse(
			fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
		) as {version: string};
		expect((await runCli(['--version'])).stdout.trim()).toBe(pkg.version);
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		for (const word of ['list', 'prune', 'serve', '--registry', '--json']) {
			expect(help.stdout).toContain(word);
		}
	});
});
