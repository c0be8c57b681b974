import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {promisify} from 'node:util';
import {afterAll, beforeAll, expect, test} from 'vitest';

// eslint-disable-next-line @typescript-eslint/strict-void-return -- execFile returns its child process, which promisify ignores
const execFileAsync = promisify(execFile);

async function run(
	command: string,
	arguments_: string[],
	options: {cwd?: string; timeout?: number} = {},
) {
	return execFileAsync(command, arguments_, {encoding: 'utf8', ...options});
}

const root = path.resolve(import.meta.dirname, '../..');
let folder: string;
let bin: string;
let packedFiles: string[];

// What `npx shipyard-tui` gets: the packed tarball, installed into a clean folder.
beforeAll(async () => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-install-'));
	const {stdout} = await run(
		'npm',
		// `pretest` built dist/ already; `prepack` would rebuild it under the other tests' feet.
		['pack', '--json', '--ignore-scripts', '--pack-destination', folder],
		{cwd: root},
	);
	const [packed] = JSON.parse(stdout) as Array<{
		filename: string;
		files: Array<{path: string}>;
	}>;
	packedFiles = packed!.files.map((file) => file.path);
	expect(packedFiles).toContain('dist/cli.js');
	expect(packedFiles).toContain('dist/ingest-worker.js');
	fs.writeFileSync(
		path.join(folder, 'package.json'),
		JSON.stringify({name: 'install-check', private: true, type: 'module'}),
	);
	// The dependencies come from the local npm cache that `npm ci` filled; the registry only if missing.
	await run(
		'npm',
		[
			'install',
			'--prefer-offline',
			'--no-audit',
			'--no-fund',
			path.join(folder, packed!.filename),
		],
		{cwd: folder, timeout: 170_000},
	);
	bin = path.join(folder, 'node_modules', '.bin', 'shipyard-tui');
}, 180_000);

afterAll(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

test('the installed bin runs: --version, and list on an empty registry', async () => {
	const pkg = JSON.parse(
		fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
	) as {version: string};
	expect((await run(bin, ['--version'])).stdout.trim()).toBe(pkg.version);
	const list = await run(bin, [
		'list',
		'--registry',
		path.join(folder, 'registry', 'servers.json'),
	]);
	expect(list.stdout).toContain('No servers in');
});

test('servers can register through the installed shipyard-tui/registry module', async () => {
	const registryPath = path.join(folder, 'registry', 'servers.json');
	const script = `
		import {registerServer, readRegistry} from 'shipyard-tui/registry';
		const registration = registerServer({id: 'from-package', port: 4321}, {registryPath: ${JSON.stringify(registryPath)}});
		console.log(readRegistry(${JSON.stringify(registryPath)}).servers.map((server) => server.id).join(','));
		registration.unregister();
		console.log(readRegistry(${JSON.stringify(registryPath)}).servers.length);
	`;
	const {stdout} = await run(
		process.execPath,
		['--input-type=module', '-e', script],
		{cwd: folder},
	);
	expect(stdout.trim().split('\n')).toEqual(['from-package', '0']);
});

test('every export of package.json can be imported from the installed package', async () => {
	const pkg = JSON.parse(
		fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
	) as {name: string; exports: Record<string, string>};
	const specifiers = Object.keys(pkg.exports).map((key) =>
		key === '.' ? pkg.name : `${pkg.name}${key.slice(1)}`,
	);
	expect(specifiers).toContain('shipyard-tui');
	const script = `
		for (const specifier of ${JSON.stringify(specifiers)}) {
			const module = await import(specifier);
			console.log(specifier + ' ' + Object.keys(module).length);
		}
	`;
	const {stdout} = await run(
		process.execPath,
		['--input-type=module', '-e', script],
		{cwd: folder},
	);
	const lines = stdout.trim().split('\n');
	expect(lines.map((line) => line.split(' ')[0])).toEqual(specifiers);
	for (const line of lines) {
		expect(Number(line.split(' ')[1]), line).toBeGreaterThan(0);
	}
});

test('the library entry registers, reads and redacts without loading the screen', async () => {
	const registryPath = path.join(folder, 'library', 'servers.json');
	const script = String.raw`
		import {registerServer, readRegistry, redactEntry, safeJsonStringify} from 'shipyard-tui';
		const registration = registerServer({id: 'lib\u009b', port: 4321, token: 't0k'}, {registryPath: ${JSON.stringify(registryPath)}});
		console.log(safeJsonStringify(readRegistry(${JSON.stringify(registryPath)}).servers.map(redactEntry).map(({id, token}) => ({id, token}))));
		registration.unregister();
	`;
	const {stdout} = await run(
		process.execPath,
		['--input-type=module', '-e', script],
		{cwd: folder},
	);
	expect(stdout.trim()).toBe(
		String.raw`[{"id":"lib\u009b","token":"<redacted>"}]`,
	);
});

test('installing the tarball adds no other package: everything it runs is in its bundle', () => {
	const installed = fs
		.readdirSync(path.join(folder, 'node_modules'))
		.filter((name) => !name.startsWith('.'));
	expect(installed).toEqual(['shipyard-tui']);
	const lock = JSON.parse(
		fs.readFileSync(path.join(folder, 'package-lock.json'), 'utf8'),
	) as {packages: Record<string, unknown>};
	expect(Object.keys(lock.packages).filter(Boolean)).toEqual([
		'node_modules/shipyard-tui',
	]);
});

test('the tarball holds the bundle and the library’s declarations, not the unbundled app', () => {
	const pkg = JSON.parse(
		fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
	) as {exports: Record<string, string>};
	for (const target of Object.values(pkg.exports)) {
		const file = target.replace(/^\.\//, '');
		expect(packedFiles).toContain(file);
		expect(packedFiles).toContain(file.replace(/\.js$/, '.d.ts'));
	}

	const entries = new Set([
		'dist/cli.js',
		// The monitor's ingest worker: a script of its own, started with new Worker(url).
		'dist/ingest-worker.js',
		...Object.values(pkg.exports).map((target) => target.slice(2)),
	]);
	const unexpected = packedFiles.filter(
		(file) =>
			!entries.has(file) &&
			!/^dist\/chunks\/[\w-]+\.js$/.test(file) &&
			!/^dist\/.+\.d\.ts$/.test(file) &&
			!/^dist\/.+\.LEGAL\.txt$/.test(file) &&
			!['package.json', 'readme.md', 'LICENSE'].includes(file),
	);
	expect(unexpected).toEqual([]);
	// Declarations only for what the library exports: no view, command or CLI types.
	expect(
		packedFiles.filter((file) =>
			/^dist\/(cli|app)\.d\.ts$|^dist\/(components|hooks|view|commands|terminal|servers)\//.test(
				file,
			),
		),
	).toEqual([]);
});

test('the installed declarations type a TypeScript consumer that has only this package', async () => {
	// No zod, ws or @types/ws beside it: the package installs none. A type that fell back to `any`
	// would leave an `@ts-expect-error` below unused, which fails the compile.
	fs.writeFileSync(
		path.join(folder, 'consumer.ts'),
		`
		import {registerServer, readRegistry, type ServerEntry} from 'shipyard-tui/registry';
		import {sanitize} from 'shipyard-tui';

		const entry: ServerEntry = {id: 'a', port: 1, pid: 2, custom: true};
		// @ts-expect-error a port is a number
		const wrong: ServerEntry = {id: 'a', port: '1', pid: 2};
		const registration = registerServer({id: 'b', port: 3}, {registryPath: 'servers.json'});
		registration.unregister();
		// @ts-expect-error no such method
		registration.nope();
		const port: number | undefined = readRegistry('servers.json').servers[0]?.port;
		// @ts-expect-error sanitize takes text
		sanitize(42);
		export {entry, wrong, port};
		`,
	);
	fs.writeFileSync(
		path.join(folder, 'tsconfig.json'),
		JSON.stringify({
			compilerOptions: {
				strict: true,
				skipLibCheck: true,
				noEmit: true,
				types: [],
				module: 'nodenext',
				moduleResolution: 'nodenext',
				target: 'es2022',
			},
			files: ['consumer.ts'],
		}),
	);
	const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
	const {stdout} = await run(process.execPath, [tsc, '-p', folder], {
		cwd: folder,
		timeout: 60_000,
	}).catch((error: unknown) => {
		throw new Error((error as {stdout?: string}).stdout ?? String(error));
	});
	expect(stdout).toBe('');
});
