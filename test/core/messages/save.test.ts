import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	frameRecord,
	systemRecord,
} from '../../../source/core/messages/record.js';
import {
	resolveSavePath,
	saveMessages,
	SaveRefused,
} from '../../../source/core/messages/save.js';
import {assertInert} from './inert.js';

let folder: string;
beforeEach(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-save-'));
});
afterEach(() => {
	fs.rmSync(folder, {recursive: true, force: true});
});

const hostileId = 'evil\u001B]0;pwned\u0007\u009B2J\u202Eid';
const messages = [
	systemRecord(
		{seq: 0, time: 0, serverId: hostileId},
		'connected',
		'connected',
	),
	frameRecord(
		{seq: 1, time: 1000, serverId: hostileId, direction: 'in'},
		'hello \u001B]0;title\u0007\u009D52;c;x\u009C\nsecond line\u2028',
		false,
	),
	frameRecord(
		{seq: 2, time: 2000, serverId: 'plain', direction: 'out'},
		'hi',
		false,
	),
];

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('saveMessages', () => {
	test('writes one line per message, mode 0600, every field inert for a terminal', async () => {
		const file = path.join(folder, 'out.log');
		expect(await saveMessages(file, messages)).toBe(3);
		const text = fs.readFileSync(file, 'utf8');
		const lines = text.trimEnd().split('\n');
		// Tabs separate the fields; nothing else in the file is a control character.
		for (const field of lines.flatMap((line) => line.split('\t'))) {
			assertInert(field);
		}

		expect(lines).toHaveLength(3);
		expect(lines[0]).toBe(
			'1970-01-01T00:00:00.000Z\tevil␛]0;pwned␇\\x9b2J\\u202eid\tsys\tconnected',
		);
		expect(lines[1]).toContain(
			'\tin \thello ␛]0;title␇\\x9d52;c;x\\x9c second line\\u2028',
		);
		expect(lines[2]).toBe('1970-01-01T00:00:02.000Z\tplain\tout\thi');
		expect(modeOf(file)).toBe(0o600);
	});

	test('refuses an existing file, with a clear message, and leaves it as it was', async () => {
		const file = path.join(folder, 'kept.log');
		fs.writeFileSync(file, 'precious\n', {mode: 0o644});
		const error = await saveMessages(file, messages).catch(
			(error: unknown) => error,
		);
		expect(error).toBeInstanceOf(SaveRefused);
		expect((error as Error).message).toBe(
			`${file} already exists; /save! replaces it`,
		);
		expect(fs.readFileSync(file, 'utf8')).toBe('precious\n');
	});

	test('never writes through a symbolic link, not even with overwrite', async () => {
		const target = path.join(folder, 'someone-elses.txt');
		fs.writeFileSync(target, 'their content\n', {mode: 0o644});
		const link = path.join(folder, 'innocent.log');
		fs.symlinkSync(target, link);

		await expect(saveMessages(link, messages)).rejects.toThrow(
			`${link} is a symbolic link; it is never followed`,
		);
		await expect(
			saveMessages(link, messages, {overwrite: true}),
		).rejects.toThrow(`${link} is a symbolic link; it is never followed`);

		expect(fs.readFileSync(target, 'utf8')).toBe('their content\n');
		expect(modeOf(target)).toBe(0o644);
		expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
		// No temporary file left behind.
		expect(fs.readdirSync(folder).toSorted()).toEqual([
			'innocent.log',
			'someone-elses.txt',
		]);
	});

	test('never writes through a dangling link either (it would create the target)', async () => {
		const target = path.join(folder, 'planted-target');
		const link = path.join(folder, 'dangling.log');
		fs.symlinkSync(target, link);
		await expect(saveMessages(link, messages)).rejects.toThrow(
			'is a symbolic link',
		);
		expect(fs.existsSync(target)).toBe(false);
	});

	test('overwrite (/save!) replaces a regular file, and the new file is 0600 even if the old was 0644', async () => {
		const file = path.join(folder, 'replace-me.log');
		fs.writeFileSync(file, 'old\n', {mode: 0o644});
		const inodeBefore = fs.statSync(file).ino;
		expect(await saveMessages(file, messages, {overwrite: true})).toBe(3);
		expect(fs.readFileSync(file, 'utf8')).toContain('\tout\thi\n');
		expect(modeOf(file)).toBe(0o600);
		// Replaced by a rename, not written in place.
		expect(fs.statSync(file).ino).not.toBe(inodeBefore);
		expect(fs.readdirSync(folder)).toEqual(['replace-me.log']);
	});

	test('overwrite refuses a folder and a FIFO, without hanging', async () => {
		const sub = path.join(folder, 'a-folder');
		fs.mkdirSync(sub);
		await expect(
			saveMessages(sub, messages, {overwrite: true}),
		).rejects.toThrow('is not a regular file');
		const fifo = path.join(folder, 'fifo');
		execFileSync('mkfifo', [fifo]);
		await expect(saveMessages(fifo, messages)).rejects.toThrow(
			`${fifo} exists and is not a regular file`,
		);
		await expect(
			saveMessages(fifo, messages, {overwrite: true}),
		).rejects.toThrow('is not a regular file');
	});
});

describe('resolveSavePath', () => {
	const where = {cwd: '/work/here', home: '/home/ana'};
	test.each([
		['~', '/home/ana'],
		['~/x.log', '/home/ana/x.log'],
		['~/logs/../x.log', '/home/ana/x.log'],
		['x.log', '/work/here/x.log'],
		['/tmp/x.log', '/tmp/x.log'],
		['~ana/x.log', '/work/here/~ana/x.log'],
		['./~/x.log', '/work/here/~/x.log'],
	])('%s is %s', (input, expected) => {
		expect(resolveSavePath(input, where)).toBe(expected);
	});
});
