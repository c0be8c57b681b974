/**
`/record` from the line to the file: the command rows' effects (through `step`), and `runEffects`
with a real recorder writing in a temporary home.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {createRecorder} from '../../source/core/record/recorder.js';
import {
	type MonitorSnapshot,
	type MonitorStore,
} from '../../source/core/store.js';
import {type Feedback} from '../../source/view/feedback.js';
import {runEffects} from '../../source/view/run-effects.js';
import {enter} from '../helpers/step.js';
import {waitFor} from '../helpers/wait-for.js';

describe('the /record rows', () => {
	test('/record <file> starts, /record! <file> may replace, /record alone stops; /record! needs a name', () => {
		expect(enter('/record out.ndjson').effects).toContainEqual({
			type: 'record',
			file: 'out.ndjson',
			overwrite: false,
		});
		expect(enter('/record! my  run.ndjson').effects).toContainEqual({
			type: 'record',
			file: 'my  run.ndjson',
			overwrite: true,
		});
		expect(enter('/record').effects).toContainEqual({
			type: 'record',
			overwrite: false,
		});
		expect(enter('/record!').effects).toContainEqual({
			type: 'say',
			feedback: {
				text: '/record! needs a file name, e.g. /record! session.ndjson',
				tone: 'error',
			},
		});
	});
});

describe('/record run', () => {
	let home: string;
	let savedHome: string | undefined;
	beforeEach(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-home-'));
		savedHome = process.env.HOME;
		process.env.HOME = home;
	});
	afterEach(() => {
		process.env.HOME = savedHome;
		fs.rmSync(home, {recursive: true, force: true});
	});

	const snapshot = {
		servers: [],
		messages: [],
	} as unknown as MonitorSnapshot;

	function world(withRecorder = true) {
		const said: Feedback[] = [];
		const notes: string[] = [];
		const recorder = createRecorder({
			registry: () => ({path: 'r', file: 'ok', servers: [], warnings: []}),
			snapshot: () => snapshot,
		});
		const run = (line: string) => {
			runEffects(enter(line).effects, {
				store: {
					note(text: string) {
						notes.push(text);
					},
				} as unknown as MonitorStore,
				snapshot,
				exit: () => undefined,
				suspend: () => undefined,
				say(feedback) {
					if (feedback) {
						said.push(feedback);
					}
				},
				...(withRecorder ? {recorder} : {}),
			});
		};

		return {said, notes, recorder, run};
	}

	test('expands ~/, says where it records, and when stopped its size and drops', async () => {
		const {said, recorder, run} = world();
		run('/record ~/session.ndjson');
		const file = path.join(home, 'session.ndjson');
		await waitFor(() => said.at(-1)?.text.includes('/record stops'), {
			what: 'the answer',
		});
		expect(said.at(-1)).toEqual({
			text: `recording to ${file} · 0 B · 0 dropped · /record stops`,
			tone: 'info',
		});
		expect(recorder.status().recording).toBe(true);
		// A second /record moves to a new file and closes the first.
		run('/record ~/second.ndjson');
		await waitFor(() => said.at(-1)?.text.includes('closed'), {
			what: 'the move',
		});
		expect(said.at(-1)?.text).toBe(
			`recording to ${path.join(home, 'second.ndjson')} · 0 B · 0 dropped · /record stops (${file} closed)`,
		);
		expect(fs.readFileSync(file, 'utf8')).toMatch(/"event":"stop"/);
		run('/record');
		await waitFor(() => said.at(-1)?.text.startsWith('stopped'), {
			what: 'the stop',
		});
		const stopped = said.at(-1)?.text ?? '';
		expect(
			stopped.startsWith(
				`stopped recording to ${path.join(home, 'second.ndjson')} · `,
			),
		).toBe(true);
		expect(stopped).toMatch(/ · \d+ B · 0 dropped$/);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		run('/record');
		await waitFor(() => said.at(-1)?.text.startsWith('not recording'), {
			what: 'nothing to stop',
		});
	});

	test('a path that cannot be made is said, and nothing records', async () => {
		const {said, recorder, run} = world();
		run('/record ~/no/such/folder/x.ndjson');
		await waitFor(() => said.at(-1)?.tone === 'error', {what: 'the error'});
		expect(said.at(-1)?.text).toMatch(
			/could not record to .*x\.ndjson: no such folder \(ENOENT\)/,
		);
		expect(recorder.status().recording).toBe(false);
	});

	test('without a recorder, /record says it is not available', () => {
		const {said, run} = world(false);
		run('/record x.ndjson');
		expect(said).toContainEqual({
			text: 'recording is not available here',
			tone: 'error',
		});
	});
});
