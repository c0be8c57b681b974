import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {type RegistrySnapshot} from '../../../source/core/registry/read.js';
import {
	watchRegistry,
	type RegistrySource,
} from '../../../source/core/registry/watch.js';
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

async function waitForIds(
	expected: string,
	what: string,
): Promise<RegistrySnapshot> {
	return waitFor(
		() => ids(source!.current()) === expected && source!.current(),
		{
			what: `${what} (have "${ids(source!.current())}")`,
			timeoutMs: 3000,
		},
	);
}

describe('watchRegistry', () => {
	test('reads the registry at once and reports each change to subscribers', async () => {
		writeByRename(temporary.registryPath, registryText([entry('a')]));
		source = watchRegistry(temporary.registryPath);
		expect(ids(source.current())).toBe('a');
		const seen: string[] = [];
		source.subscribe((snapshot) => {
			seen.push(ids(snapshot));
		});
		writeByRename(
			temporary.registryPath,
			registryText([entry('a'), entry('b')]),
		);
		await waitForIds('a,b', 'the second entry');
		expect(seen.at(-1)).toBe('a,b');
	});

	test('follows a file written in place, replaced by rename, deleted and re-created', async () => {
		fs.writeFileSync(temporary.registryPath, registryText([entry('a')]));
		source = watchRegistry(temporary.registryPath);
		fs.writeFileSync(temporary.registryPath, registryText([entry('in-place')]));
		await waitForIds('in-place', 'an in-place write');
		writeByRename(temporary.registryPath, registryText([entry('renamed')]));
		await waitForIds('renamed', 'a rename-replace');
		fs.rmSync(temporary.registryPath);
		const gone = await waitForIds('', 'the deletion');
		expect(gone.file).toBe('missing');
		fs.writeFileSync(temporary.registryPath, registryText([entry('again')]));
		await waitForIds('again', 'the re-created file');
	});

	test('watches a folder that does not exist yet until it appears', async () => {
		const registryPath = path.join(
			temporary.folder,
			'later',
			'deeper',
			'servers.json',
		);
		source = watchRegistry(registryPath);
		expect(source.current()).toMatchObject({servers: [], file: 'missing'});
		fs.mkdirSync(path.dirname(registryPath), {recursive: true});
		fs.writeFileSync(registryPath, registryText([entry('late')]));
		await waitForIds('late', 'the file in the new folder');
	});

	test('follows the folder being removed and created again', async () => {
		const registryPath = path.join(temporary.folder, 'reg', 'servers.json');
		fs.mkdirSync(path.dirname(registryPath));
		fs.writeFileSync(registryPath, registryText([entry('one')]));
		source = watchRegistry(registryPath);
		fs.rmSync(path.dirname(registryPath), {recursive: true});
		await waitForIds('', 'the folder removal');
		fs.mkdirSync(path.dirname(registryPath));
		fs.writeFileSync(registryPath, registryText([entry('two')]));
		await waitForIds('two', 'the re-created folder');
	});

	test('keeps the last good snapshot while the file is broken and recovers by itself', async () => {
		writeByRename(
			temporary.registryPath,
			registryText([entry('a'), entry('b')]),
		);
		source = watchRegistry(temporary.registryPath);
		fs.writeFileSync(temporary.registryPath, '{"servers": [');
		const broken = await waitFor(
			() => source!.current().file === 'stale' && source!.current(),
			{
				what: 'the broken file to be noticed',
			},
		);
		expect(ids(broken)).toBe('a,b');
		expect(broken.warnings[0]!.message).toMatch(/invalid JSON/);
		writeByRename(temporary.registryPath, registryText([entry('c')]));
		const recovered = await waitForIds('c', 'recovery');
		expect(recovered.warnings).toEqual([]);
	});

	test('picks up servers.d entries, including a servers.d folder created later', async () => {
		source = watchRegistry(temporary.registryPath);
		const dropIns = path.join(temporary.folder, 'servers.d');
		fs.mkdirSync(dropIns);
		writeByRename(path.join(dropIns, 'x.json'), JSON.stringify(entry('x')));
		await waitForIds('x', 'the drop-in entry');
		fs.rmSync(path.join(dropIns, 'x.json'));
		await waitForIds('', 'the drop-in removal');
	});

	test('a warning about one bad entry arrives with the good ones', async () => {
		source = watchRegistry(temporary.registryPath);
		writeByRename(
			temporary.registryPath,
			registryText([entry('good'), {id: 'bad', port: 'x', pid: 1}]),
		);
		const snapshot = await waitForIds('good', 'the good entry');
		expect(snapshot.warnings).toMatchObject([{entryId: 'bad', field: 'port'}]);
	});
});
