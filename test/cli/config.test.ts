import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runCli} from '../helpers/processes.js';
import {makeTemporaryFolder} from '../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let environment: NodeJS.ProcessEnv;
beforeEach(() => {
	temporary = makeTemporaryFolder();
	// Each run reads only this folder's config: no SHIPYARD_* from the machine running the tests.
	environment = {
		XDG_CONFIG_HOME: temporary.folder,
		SHIPYARD_CONFIG: '',
		SHIPYARD_REGISTRY: '',
		SHIPYARD_NOTIFY: '',
	};
});
afterEach(() => {
	temporary.cleanup();
});

const configFile = () => path.join(temporary.folder, 'shipyard', 'config.json');

function writeConfig(text: string) {
	fs.mkdirSync(path.dirname(configFile()), {recursive: true});
	fs.writeFileSync(configFile(), text);
}

type Shown = {
	file: string | null;
	settings: Record<string, {value: unknown; source: string}>;
};

async function effective(arguments_: string[], env: NodeJS.ProcessEnv = {}) {
	const result = await runCli(['config', '--json', ...arguments_], {
		env: {...environment, ...env},
	});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Shown;
}

describe('shipyard-tui config', () => {
	test('shows each setting and where it came from: flag > environment > config > built-in', async () => {
		writeConfig(`{
			// comments are fine
			"registry": "/from/config.json",
			"scrollback": 9000,
			"notify": true,
			"alert": ["/boom/i"],
			"snippets": {"hi": "hello {id}"},
		}`);
		const fromFile = await effective([]);
		expect(fromFile.file).toBe(configFile());
		expect(fromFile.settings).toMatchObject({
			registry: {value: '/from/config.json', source: 'config'},
			scrollback: {value: '9000', source: 'config'},
			notify: {value: true, source: 'config'},
			alert: {value: ['/boom/i'], source: 'config'},
			maxPayload: {value: '1MiB', source: 'default'},
			snippets: {value: {hi: 'hello {id}'}, source: 'config'},
			time: {value: null, source: 'default'},
		});

		const overridden = await effective(['--scrollback', '200', '--no-notify'], {
			SHIPYARD_REGISTRY: '/from/env.json',
			SHIPYARD_NOTIFY: '1',
		});
		expect(overridden.settings).toMatchObject({
			registry: {value: '/from/env.json', source: 'env'},
			scrollback: {value: '200', source: 'flag'},
			notify: {value: false, source: 'flag'},
		});

		const table = await runCli(['config'], {env: environment});
		expect(table.stdout).toContain(
			`config file: ${configFile()} (in $XDG_CONFIG_HOME)`,
		);
		expect(table.stdout).toMatch(/^scrollback\s+9000\s+config$/m);
		expect(table.stdout).toMatch(/^maxPayload\s+1MiB\s+default$/m);
		expect(table.stdout).toMatch(/^snippets\s+hi\s+config$/m);
	});

	test('a bad config file stops every command with exit 2 and says what and where', async () => {
		writeConfig('{\n  "scrollback": 9000\n  "notify": true\n}');
		const syntax = await runCli(['list'], {env: environment});
		expect(syntax.code).toBe(2);
		expect(syntax.stderr).toBe(
			`shipyard-tui: config file ${configFile()}: line 3, column 3: expected "," or "}" after a value, found "\\""\n`,
		);

		writeConfig('{"notify": "yes", "colour": false}');
		const fields = await runCli(['config'], {env: environment});
		expect(fields.code).toBe(2);
		expect(fields.stderr).toContain(
			'notify: expected boolean, received string',
		);
		expect(fields.stderr).toContain('unknown key "colour"');
		expect(fields.stdout).toBe('');
	});

	test('a key remap is checked against the command table: a key bound to nothing or a clash exits 2', async () => {
		writeConfig('{"keys": {"ctrl+q": "ctrl+g"}}');
		const unknown = await runCli(['config'], {env: environment});
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain(
			'keys: "ctrl+q" is not a key the monitor binds',
		);

		writeConfig('{"keys": {"ctrl+o": "ctrl+f"}}');
		const clash = await runCli(['config'], {env: environment});
		expect(clash.code).toBe(2);
		expect(clash.stderr).toMatch(/keys: "ctrl\+f" would both /);

		writeConfig('{"keys": {"ctrl+o": "ctrl+g"}}');
		const fine = await runCli(['config'], {env: environment});
		expect(fine.code).toBe(0);
		expect(fine.stdout).toMatch(/^keys\s+ctrl\+o → ctrl\+g\s+config$/m);
	});

	test('a bad alert pattern, typed or from the file, exits 2 and says which', async () => {
		const typed = await runCli(
			['--alert', '/(/', '--registry', temporary.registryPath],
			{env: environment},
		);
		expect(typed.code).toBe(2);
		expect(typed.stderr).toBe(
			'shipyard-tui: --alert: bad regex /(/: Unterminated group\n',
		);
		writeConfig('{"alert": ["/x/z"]}');
		const fromFile = await runCli(['--registry', temporary.registryPath], {
			env: environment,
		});
		expect(fromFile.code).toBe(2);
		expect(fromFile.stderr).toContain(
			'--alert (in the config file): unknown regex flag "z"',
		);
	});

	test('config --init writes a commented example once, and never replaces a file', async () => {
		const first = await runCli(['config', '--init'], {env: environment});
		expect(first.code).toBe(0);
		expect(first.stdout).toBe(`wrote an example config to ${configFile()}\n`);
		expect(fs.statSync(configFile()).mode & 0o777).toBe(0o600);
		const written = fs.readFileSync(configFile(), 'utf8');
		expect(written).toMatch(/^\/\/ shipyard-tui config/);

		// The example is a valid config for every command.
		expect((await runCli(['config'], {env: environment})).code).toBe(0);

		fs.writeFileSync(configFile(), '{"notify": true}');
		const again = await runCli(['config', '--init'], {env: environment});
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('already exists; not replaced');
		expect(fs.readFileSync(configFile(), 'utf8')).toBe('{"notify": true}');

		// A link in its place is not followed either.
		const target = path.join(temporary.folder, 'elsewhere.json');
		fs.rmSync(configFile());
		fs.symlinkSync(target, configFile());
		const linked = await runCli(['config', '--init'], {env: environment});
		expect(linked.code).toBe(1);
		expect(fs.existsSync(target)).toBe(false);
	});
});
