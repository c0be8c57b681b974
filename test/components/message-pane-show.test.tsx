/**
Issue 11 item 3: `/show` draws each JSON message's projection instead of its line (of one server
with `@id`), others as usual; the pane rule names it; each record is projected once per query.
*/
import {fc, test} from '@fast-check/vitest';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, vi} from 'vitest';
import {App} from '../../source/app.js';
import {type MessagePane} from '../../source/components/message-pane.js';
import {frameRecord} from '../../source/core/messages/record.js';
import {type JsonQuery} from '../../source/core/query/json-query.js';
import {parseShow} from '../../source/view/commands/inspect-commands.js';
import {type MessageShow} from '../../source/view/record-show.js';
import {waitForFrame} from '../helpers/ink-frames.js';
import {hostileJson, rawControl} from '../helpers/hostile-text.js';
import {fakeStore, serverRow, snapshotOf} from '../helpers/monitor-fixtures.js';
import {messagePane, renderMessagePane} from '../helpers/message-pane.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

function show(text: string): MessageShow {
	const parsed = parseShow(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.show;
}

const time = Date.UTC(2026, 0, 2, 13, 4, 5);
const messages = [
	frameRecord(
		{seq: 0, time, serverId: 'alpha', direction: 'in'},
		JSON.stringify({type: 'tick', payload: {n: 41, name: 'first'}}),
		false,
	),
	frameRecord(
		{seq: 1, time, serverId: 'beta', direction: 'in'},
		JSON.stringify({type: 'tick', payload: {n: 42, name: 'second'}}),
		false,
	),
	frameRecord(
		{seq: 2, time, serverId: 'alpha', direction: 'in'},
		'plain words, not JSON',
		false,
	),
	frameRecord(
		{seq: 3, time, serverId: 'alpha', direction: 'in'},
		JSON.stringify({other: true}),
		false,
	),
];

function pane(parts: Partial<Parameters<typeof MessagePane>[0]> = {}) {
	const rendered = renderMessagePane({lines: messages, ...parts});
	cleanup = rendered.unmount;
	return {rendered, rows: (rendered.lastFrame() ?? '').split('\n')};
}

/** The text after the direction arrow of each message row. */
const texts = (rows: readonly string[]) =>
	rows
		.slice(1)
		.filter((row) => row.trim() !== '')
		.map((row) => row.replace(/^.*? ← /, ''));

describe('/show in the message pane', () => {
	test('JSON messages show the projection; the others show as usual; the rule says show', () => {
		const {rows} = pane({show: show('payload')});
		expect(rows[0]).toMatch(/^─ messages · all · show payload · following ─/);
		expect(texts(rows)).toEqual([
			'{"n":41,"name":"first"}',
			'{"n":42,"name":"second"}',
			'plain words, not JSON',
			'{"other":true}',
		]);
	});

	test('@id projects that server only', () => {
		const {rows} = pane({show: show('@alpha payload.n')});
		expect(rows[0]).toContain('show @alpha payload.n');
		expect(texts(rows).slice(0, 2)).toEqual([
			'41',
			'tick · {"payload":{"n":42,"name":"second"}}',
		]);
	});

	test('a channel frame reads as {topic, event, payload}, as /filter reads it; other arrays as they are', () => {
		const frames = [
			['room:1', 'tick', {n: 4}],
			['room:2', 'tock', {n: 5}],
			[1, 2, 3],
		].map((value, seq) =>
			frameRecord(
				{seq, time, serverId: 'alpha', direction: 'in'},
				JSON.stringify(value),
				false,
			),
		);
		const shownAs = (query: string) =>
			texts(pane({lines: frames, show: show(query)}).rows);
		expect(shownAs('payload.n')).toEqual(['4', '5', '[1,2,3]']);
		expect(shownAs('[topic, event]')).toEqual([
			'["room:1","tick"]',
			'["room:2","tock"]',
			// JMESPath's own answer for fields of a non-object.
			'[null,null]',
		]);
		// Read as an object, a channel frame has no `[2]`: it shows as usual; a plain array does.
		expect(shownAs('[2]')).toEqual([
			'room:1 · tick · {"n":4}',
			'room:2 · tock · {"n":5}',
			'3',
		]);
	});

	test('each record is projected once, however often the pane draws it', () => {
		const apply = vi.fn((json: unknown) =>
			json && typeof json === 'object' && 'type' in json
				? {value: json.type}
				: undefined,
		);
		const query: JsonQuery = {label: 'type', apply};
		const counted: MessageShow = {query, label: 'type'};
		const {rendered} = pane({show: counted});
		expect(apply).toHaveBeenCalledTimes(messages.length - 1);
		for (const width of [90, 80, 100]) {
			rendered.rerender(
				messagePane({lines: [...messages], width, show: counted}),
			);
		}

		// Plain text is not JSON: it never reaches the query.
		expect(apply).toHaveBeenCalledTimes(messages.length - 1);
		expect(rendered.lastFrame()).toContain('← "tick"');
	});

	test.prop([hostileJson(3)], {numRuns: 60})(
		'a projection of hostile JSON is drawn inert and on one line',
		(value) => {
			const record = frameRecord(
				{seq: 9, time, serverId: 'alpha', direction: 'in'},
				JSON.stringify({payload: value}),
				false,
			);
			const rendered = renderMessagePane({
				lines: [record],
				width: 60,
				height: 3,
				show: show('payload'),
			});
			const frame = rendered.lastFrame() ?? '';
			rendered.unmount();
			expect(frame.split('\n').length).toBeLessThanOrEqual(4);
			expect(frame.replaceAll('\n', '')).not.toMatch(rawControl);
		},
	);

	test('typed in the monitor: /show replaces the lines, a bad query changes nothing, /show alone ends it', async () => {
		const rendered = render(
			<App
				store={fakeStore(
					snapshotOf({
						servers: [serverRow('alpha'), serverRow('beta')],
						messages,
					}),
				)}
				registryLabel="test"
			/>,
		);
		cleanup = rendered.unmount;
		const {stdin, lastFrame} = rendered;
		await waitForFrame(lastFrame, (frame) => frame.includes('plain words'));
		stdin.write('/show payload.name\r');
		const shown = await waitForFrame(lastFrame, (frame) =>
			frame.includes('show payload.name'),
		);
		expect(shown).toContain('← "first"');
		expect(shown).toContain('← "second"');
		expect(shown).toContain('plain words, not JSON');
		stdin.write('/show payload.[\r');
		const bad = await waitForFrame(lastFrame, (frame) =>
			frame.includes('bad query'),
		);
		expect(bad).toContain('show payload.name');
		expect(bad).toContain('← "first"');
		stdin.write('/show\r');
		const ended = await waitForFrame(lastFrame, (frame) =>
			frame.includes('showing messages as sent'),
		);
		expect(ended).not.toContain('show payload.name');
		expect(ended).toContain('tick · {"payload":{"n":41');
	});
});
