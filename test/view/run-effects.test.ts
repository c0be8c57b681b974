/**
The one place effects happen: `/save` against real files in a temporary home, and the other effects
against a store that records what it was asked.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {frameRecord} from '../../source/core/messages/record.js';
import {
	type MonitorSnapshot,
	type MonitorStore,
} from '../../source/core/store.js';
import {runEffects} from '../../source/view/run-effects.js';
import {enter} from '../helpers/step.js';
import {fakeStore, snapshotOf} from '../helpers/monitor-fixtures.js';
import {waitFor} from '../helpers/wait-for.js';

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
		runEffects(enter(line).effects, {
			store,
			snapshot,
			exit: () => undefined,
			suspend: () => undefined,
			say: () => undefined,
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

describe('the other effects', () => {
	test('each reaches the store or the process, in order, and a subscription answers when done', async () => {
		const store = fakeStore(snapshotOf());
		const done: string[] = [];
		const said: unknown[] = [];
		runEffects(
			[
				{type: 'send', text: 'hi', to: 'beta'},
				{type: 'note', text: 'a note'},
				{type: 'clear-messages'},
				{type: 'subscribe', topic: 'news'},
				{type: 'unsubscribe', topic: 'old'},
				{type: 'suspend'},
				{type: 'exit'},
				{type: 'say', feedback: {text: 'shown', tone: 'info'}},
			],
			{
				store,
				snapshot: snapshotOf(),
				exit() {
					done.push('exit');
				},
				suspend() {
					done.push('suspend');
				},
				say(feedback) {
					said.push(feedback);
				},
			},
		);
		expect(store.sent).toEqual([{text: 'hi', to: 'beta'}]);
		expect(store.notes).toEqual(['a note']);
		expect(store.cleared).toBe(1);
		expect(store.topics).toEqual(['+news', '-old']);
		expect(done).toEqual(['suspend', 'exit']);
		await waitFor(() => said.length === 3, {what: 'the subscription answers'});
		expect(said).toEqual([
			{text: 'shown', tone: 'info'},
			{
				text: 'subscribed news: no server is connected now; each one gets it when it connects',
				tone: 'warning',
			},
			{text: 'unsubscribed old: no server is connected now', tone: 'warning'},
		]);
	});
});
