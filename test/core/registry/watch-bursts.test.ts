/**
The watcher under bursts of writes and with events it never gets: every burst ends with a read of
the final content, and a periodic `stat` check catches what the events miss. (Issue 15 item 2: the
table showed 17 of 20 servers, and 1 stale after all had stopped, for good.)
*/
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	readRegistry,
	type RegistrySnapshot,
} from '../../../source/core/registry/read.js';
import {
	watchRegistry,
	type RegistrySource,
	type WatchOptions,
} from '../../../source/core/registry/watch.js';
import {cliPath, collect} from '../../helpers/processes.js';
import {
	entry,
	makeTemporaryFolder,
	registryText,
	writeByRename,
} from '../../helpers/temporary-registry.js';
import {waitFor} from '../../helpers/wait-for.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
let source: RegistrySource | undefined;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(async () => {
	await source?.close();
	source = undefined;
	temporary.cleanup();
});

function ids(snapshot: RegistrySnapshot): string {
	return snapshot.servers.map((server) => server.id).join(',');
}

function watch(options: WatchOptions = {}): RegistrySource {
	source = watchRegistry(temporary.registryPath, options);
	return source;
}

/**
Makes chokidar drop writes, as it does to the last writes of a burst: `servers.d/x.json` is written
with port 40001, and every time the watcher reports port p, p + 1 is written from inside the
listener, about 5 ms after chokidar reported the change: inside the 50 ms in which it drops every
further `change` of that file. Returns the last port written. (A chain, not one pair: the first
write may reach chokidar as an `add`, which that throttle does not cover.)
*/
async function writeChainInThrottleWindows(
	registry: RegistrySource,
): Promise<number> {
	const last = 40_004;
	const dropIns = path.join(temporary.folder, 'servers.d');
	const file = path.join(dropIns, 'x.json');
	fs.mkdirSync(dropIns, {recursive: true});
	writeByRename(file, JSON.stringify(entry('x', {port: 40_000})));
	await waitFor(() => port(registry) === 40_000, {
		timeoutMs: 3000,
		what: 'the drop-in to be read',
	});
	registry.subscribe(() => {
		const seen = port(registry);
		if (seen !== undefined && seen >= 40_001 && seen < last) {
			writeByRename(file, JSON.stringify(entry('x', {port: seen + 1})));
		}
	});
	writeByRename(file, JSON.stringify(entry('x', {port: 40_001})));
	return last;
}

function port(registry: RegistrySource): number | undefined {
	return registry.current().servers.find((server) => server.id === 'x')?.port;
}

async function waitForIds(
	registry: RegistrySource,
	expected: string,
	timeoutMs: number,
): Promise<void> {
	await waitFor(() => ids(registry.current()) === expected, {
		timeoutMs,
		what: `the watcher to show "${expected}" (it shows "${ids(registry.current())}")`,
	});
}

describe('a burst of writes always ends with a read of the final content', () => {
	test('a write chokidar drops (inside its 50 ms throttle) is read by the trailing read', async () => {
		// No periodic check: only file events and the trailing read can see the last write.
		const registry = watch({checkIntervalMs: false});
		const last = await writeChainInThrottleWindows(registry);
		await waitFor(() => port(registry) === last, {
			timeoutMs: 3000,
			what: `the last write to be read (port is ${port(registry)})`,
		});
	});

	test('many processes writing with the real writer: the snapshot ends equal to the file', async () => {
		const registryModule = pathToFileURL(
			path.resolve(path.dirname(cliPath), 'core/registry/index.js'),
		).href;
		// Each writer registers and unregisters a few entries with small random pauses, so the
		// writes of all of them spread over a few hundred ms with gaps shorter than the throttle.
		const writerSource = `
			const {registerServer} = await import(${JSON.stringify(registryModule)});
			const [registryPath, name] = process.argv.slice(1);
			const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
			const kept = [];
			for (let index = 0; index < 6; index++) {
				const registration = registerServer(
					{id: name + '-' + index, port: 40000 + index, pid: process.pid},
					{registryPath, unregisterOnExit: false},
				);
				if (index % 2 === 1) registration.unregister(); else kept.push(registration);
				await pause();
			}
		`;
		const registry = watch({checkIntervalMs: false});
		const writers = Array.from({length: 10}, (_, index) =>
			spawn(
				process.execPath,
				[
					'--input-type=module',
					'-e',
					writerSource,
					temporary.registryPath,
					`w${index}`,
				],
				{stdio: ['ignore', 'pipe', 'pipe']},
			),
		);
		const results = await Promise.all(
			writers.map(async (writer) => collect(writer, 30_000)),
		);
		expect(results.map((result) => result.stderr)).toEqual(
			results.map(() => ''),
		);
		const final = readRegistry(temporary.registryPath);
		expect(final.servers).toHaveLength(30);
		await waitFor(
			() =>
				JSON.stringify(registry.current().servers) ===
				JSON.stringify(final.servers),
			{
				timeoutMs: 1000,
				what: `the watcher's snapshot to equal the file (${registry.current().servers.length} of 30 entries)`,
			},
		);
	}, 40_000);
});

describe('the periodic check catches changes no event reported', () => {
	test('a write chokidar drops is read by the check when there is no trailing read', async () => {
		const registry = watch({trailingReadMs: false, checkIntervalMs: 100});
		const last = await writeChainInThrottleWindows(registry);
		await waitFor(() => port(registry) === last, {
			timeoutMs: 3000,
			what: `the last write to be read (port is ${port(registry)})`,
		});
	});

	test('without file events, the check alone follows every kind of write', async () => {
		writeByRename(temporary.registryPath, registryText([entry('a')]));
		const registry = watch({fileEvents: false, checkIntervalMs: 30});
		expect(ids(registry.current())).toBe('a');

		// In place, same size: only the modification time tells.
		fs.writeFileSync(
			temporary.registryPath,
			registryText([entry('a', {port: 40_001})]),
		);
		await waitFor(() => registry.current().servers[0]?.port === 40_001, {
			timeoutMs: 1000,
			what: 'the in-place write of the same size',
		});

		writeByRename(temporary.registryPath, registryText([entry('renamed')]));
		await waitForIds(registry, 'renamed', 1000);

		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		writeByRename(path.join(dropIns, 'x.json'), JSON.stringify(entry('x')));
		await waitForIds(registry, 'renamed,x', 1000);

		fs.writeFileSync(path.join(dropIns, 'x.json'), JSON.stringify(entry('y')));
		await waitForIds(registry, 'renamed,y', 1000);

		fs.rmSync(path.join(dropIns, 'x.json'));
		fs.rmSync(temporary.registryPath);
		await waitForIds(registry, '', 1000);
		expect(registry.current().file).toBe('missing');
	});
});

describe('hostile nesting', () => {
	const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
	const deepEntry = (id: string) =>
		`{"id":"${id}","port":40000,"pid":${process.pid},"meta":{"x":${deep(5000)}},"extra":${deep(5000)}}`;

	test('an entry nested 5 000 levels deep neither throws nor hides the others', async () => {
		// At start-up (the first read) and when written later, in the file and in servers.d.
		fs.writeFileSync(
			temporary.registryPath,
			`{"servers":[${deepEntry('deep')},{"id":"good","port":40001,"pid":${process.pid}}]}`,
		);
		const registry = watch();
		expect(registry.current().servers.map((server) => server.id)).toContain(
			'good',
		);

		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		fs.writeFileSync(path.join(dropIns, 'deep2.json'), deepEntry('deep2'));
		fs.writeFileSync(
			path.join(dropIns, 'z.json'),
			JSON.stringify(entry('later')),
		);
		await waitFor(
			() =>
				registry.current().servers.some((server) => server.id === 'later') &&
				registry.current().servers.some((server) => server.id === 'good'),
			{timeoutMs: 2000, what: 'the entry written after the deep one'},
		);

		// The same deep content written again is compared in full, and is no news.
		let reports = 0;
		registry.subscribe(() => {
			reports++;
		});
		fs.writeFileSync(path.join(dropIns, 'deep2.json'), deepEntry('deep2'));
		fs.rmSync(path.join(dropIns, 'z.json'));
		await waitFor(
			() => !registry.current().servers.some((server) => server.id === 'later'),
			{timeoutMs: 2000, what: 'the removal after the rewrite'},
		);
		expect(reports).toBe(1);
	});
});
