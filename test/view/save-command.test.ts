import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {frameRecord} from '../../source/core/messages/record.js';
import {
	type MonitorSnapshot,
	type MonitorStore,
} from '../../source/core/store.js';
import {runSubmission} from '../../source/view/run-submission.js';
import {parseSubmission} from '../../source/view/slash-commands.js';
import {initialUiState} from '../../source/view/ui-state.js';
import {waitFor} from '../helpers/wait-for.js';

describe('parsing /save and /save!', () => {
	test('/save writes a new file; /save! may replace one; the name is kept as typed', () => {
		expect(parseSubmission('/save out.log', [])).toEqual({
			kind: 'save',
			file: 'out.log',
		});
		expect(parseSubmission('/save! out.log', [])).toEqual({
			kind: 'save',
			file: 'out.log',
			overwrite: true,
		});
		expect(parseSubmission('/SAVE!   my  notes.log ', [])).toEqual({
			kind: 'save',
			file: 'my  notes.log',
			overwrite: true,
		});
		expect(parseSubmission('/save!', [])).toMatchObject({
			kind: 'error',
			message: '/save! needs a file name, e.g. /save! messages.log',
		});
	});
});

describe('/save in the monitor', () => {
	let home: string;
	let savedHome: string | undefined;
	beforeEach(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-home-'));
		savedHome = process.env.HOME;
		// `os.homedir()` reads HOME on POSIX; vitest runs each file in its own process.
		process.env.HOME = home;
	});
	afterEach(() => {
		process.env.HOME = savedHome;
		fs.rmSync(home, {recursive: true, force: true});
	});

	function submit(line: string): string[] {
		const notes: string[] = [];
		const store = {
			note(text: string) {
				notes.push(text);
			},
		} as unknown as MonitorStore;
		const snapshot = {
			servers: [],
			messages: [
				frameRecord(
					{seq: 0, time: 0, serverId: 'id\u009B2J', direction: 'in'},
					'hello',
					false,
				),
			],
		} as unknown as MonitorSnapshot;
		runSubmission(line, {
			store,
			snapshot,
			ui: initialUiState,
			apply: () => undefined,
			exit: () => undefined,
		});
		return notes;
	}

	test('expands ~/ to the home folder, and says where it saved', async () => {
		expect(os.homedir()).toBe(home);
		const notes = submit('/save ~/x.log');
		const file = path.join(home, 'x.log');
		await waitFor(() => notes.length > 0, {what: 'the answer'});
		expect(notes).toEqual([`saved 1 messages to ${file}`]);
		expect(fs.readFileSync(file, 'utf8')).toBe(
			'1970-01-01T00:00:00.000Z\tid\\x9b2J\tin \thello\n',
		);
	});

	test('says briefly why a save failed, without repeating the path', async () => {
		const notes = submit('/save ~/no-such-folder/x.log');
		await waitFor(() => notes.length > 0, {what: 'the answer'});
		expect(notes).toEqual([
			`could not save to ${path.join(home, 'no-such-folder', 'x.log')}: no such folder (ENOENT)`,
		]);
	});

	test('refuses to replace a file without !, and replaces it with /save!', async () => {
		const file = path.join(home, 'x.log');
		fs.writeFileSync(file, 'old\n', {mode: 0o644});
		const refused = submit('/save ~/x.log');
		await waitFor(() => refused.length > 0, {what: 'the refusal'});
		expect(refused).toEqual([
			`not saved: ${file} already exists; /save! replaces it`,
		]);
		expect(fs.readFileSync(file, 'utf8')).toBe('old\n');

		const replaced = submit('/save! ~/x.log');
		await waitFor(() => replaced.length > 0, {what: 'the answer'});
		expect(replaced).toEqual([`saved 1 messages to ${file}`]);
		expect(fs.readFileSync(file, 'utf8')).toContain('hello');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});
});
