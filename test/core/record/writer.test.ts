import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createRecordWriter} from '../../../source/core/record/writer.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let folder: string;
let cleanup: () => void;

beforeEach(() => {
	({folder, cleanup} = makeTemporaryFolder());
});

afterEach(() => {
	cleanup();
});

function readLines(file: string): Array<Record<string, unknown>> {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('record writer', () => {
	it('creates the file with mode 0600 and writes one JSON object a line, then a stop line with the counts', async () => {
		const file = path.join(folder, 'session.ndjson');
		const writer = await createRecordWriter({file});
		writer.write({type: 'message', n: 1});
		writer.write({type: 'message', n: 2});
		const stats = await writer.close();
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		const lines = readLines(file);
		expect(lines.map((line) => line.type)).toEqual([
			'message',
			'message',
			'record',
		]);
		expect(lines[2]).toMatchObject({
			event: 'stop',
			received: 2,
			written: 2,
			dropped: 0,
		});
		expect(stats).toMatchObject({received: 3, written: 3, dropped: 0});
	});

	it('refuses an existing file, and leaves it as it was', async () => {
		const file = path.join(folder, 'taken.ndjson');
		fs.writeFileSync(file, 'mine\n');
		await expect(createRecordWriter({file})).rejects.toThrow(/already exists/);
		expect(fs.readFileSync(file, 'utf8')).toBe('mine\n');
	});

	it('replaces an existing regular file only when asked (--record-overwrite)', async () => {
		const file = path.join(folder, 'taken.ndjson');
		fs.writeFileSync(file, 'mine\n', {mode: 0o644});
		const writer = await createRecordWriter({file, overwrite: true});
		writer.write({type: 'message'});
		await writer.close();
		expect(fs.readFileSync(file, 'utf8')).not.toContain('mine');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});

	it('never writes through a symbolic link, with or without overwrite', async () => {
		const target = path.join(folder, 'target.txt');
		fs.writeFileSync(target, 'precious\n');
		const link = path.join(folder, 'link.ndjson');
		fs.symlinkSync(target, link);
		await expect(createRecordWriter({file: link})).rejects.toThrow(
			/symbolic link/,
		);
		await expect(
			createRecordWriter({file: link, overwrite: true}),
		).rejects.toThrow(/symbolic link/);
		// A dangling link is refused too: O_EXCL would not create its target.
		const dangling = path.join(folder, 'dangling.ndjson');
		fs.symlinkSync(path.join(folder, 'nowhere.txt'), dangling);
		await expect(createRecordWriter({file: dangling})).rejects.toThrow(
			/symbolic link/,
		);
		expect(fs.existsSync(path.join(folder, 'nowhere.txt'))).toBe(false);
		expect(fs.readFileSync(target, 'utf8')).toBe('precious\n');
	});

	it('says why a path cannot be written (no such folder)', async () => {
		await expect(
			createRecordWriter({file: path.join(folder, 'no/such/dir/x.ndjson')}),
		).rejects.toMatchObject({code: 'ENOENT'});
	});

	it('under a flood, drops what the bounded queue cannot hold and counts every drop: written + dropped = received', async () => {
		const file = path.join(folder, 'flood.ndjson');
		const writer = await createRecordWriter({file, queueBytes: 64 * 1024});
		const offered = 50_000;
		let accepted = 0;
		// All in one turn of the event loop: the disk cannot keep up, so the queue must fill.
		for (let index = 0; index < offered; index++) {
			if (writer.write({type: 'message', index, text: 'x'.repeat(100)})) {
				accepted++;
			}
		}

		const stats = await writer.close();
		const lines = readLines(file);
		const stop = lines.at(-1)!;
		const messages = lines.filter((line) => line.type === 'message');
		expect(stats.dropped).toBeGreaterThan(0);
		expect(messages.length).toBe(accepted);
		expect(stop).toMatchObject({
			type: 'record',
			event: 'stop',
			received: offered,
			written: accepted,
			dropped: offered - accepted,
		});
		// The lines kept are whole and in order.
		const indexes = messages.map((line) => line.index as number);
		expect(indexes).toEqual([...indexes].toSorted((a, b) => a - b));
	});

	it('rotates at --record-max: file → file.1 → file.2 → file.3, at most 3 kept, lines whole', async () => {
		const file = path.join(folder, 'rotating.ndjson');
		const writer = await createRecordWriter({file, maxBytes: 1000, keep: 3});
		for (let index = 0; index < 100; index++) {
			writer.write({type: 'message', index, text: 'y'.repeat(50)});
			// Let each line reach the disk, so every rotation point is passed.
			// eslint-disable-next-line no-await-in-loop
			await new Promise<void>((resolve) => {
				setImmediate(resolve);
			});
		}

		const stats = await writer.close();
		expect(stats.rotations).toBeGreaterThan(3);
		const names = fs.readdirSync(folder).toSorted();
		expect(names).toEqual([
			'rotating.ndjson',
			'rotating.ndjson.1',
			'rotating.ndjson.2',
			'rotating.ndjson.3',
		]);
		for (const name of names) {
			const full = path.join(folder, name);
			expect(fs.statSync(full).size).toBeLessThanOrEqual(1000);
			expect(fs.statSync(full).mode & 0o777).toBe(0o600);
			// Every line parses: a rotation never cuts one.
			expect(readLines(full).length).toBeGreaterThan(0);
		}

		// The newest old file ends where the current one begins.
		const previous = readLines(`${file}.1`).at(-1)!.index as number;
		const current = readLines(file)[0]!.index as number;
		expect(current).toBe(previous + 1);
	});
});
