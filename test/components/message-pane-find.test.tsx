/**
The message pane with issue 11's parts: the rule names the filter (with the lines it hides) and the
search (with the current match), matches show inverse, and `/time` changes the stamps.
*/
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/app.js';
import {type MessagePane} from '../../source/components/message-pane.js';
import {frameRecord} from '../../source/core/messages/record.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {parseTextPattern} from '../../source/core/query/text-pattern.js';
import {type TimeMode} from '../../source/view/time-stamps.js';
import {waitForFrame} from '../helpers/ink-frames.js';
import {
	fakeStore,
	serverRow,
	snapshotOf,
	textMessages,
} from '../helpers/monitor-fixtures.js';
import {renderMessagePane} from '../helpers/message-pane.js';

// The test's stdout is no terminal, so Ink's chalk would print no styles at all, and the highlight is
// one: set before chalk is imported (vi.hoisted runs above the imports).
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

/** A frame as a person reads it, styles left out. */
const plain = (frame: string) => stripVTControlCharacters(frame);

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

function pattern(text: string) {
	const parsed = parseTextPattern(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.pattern;
}

function pane(parts: Partial<Parameters<typeof MessagePane>[0]> = {}) {
	const rendered = renderMessagePane({
		lines: textMessages(3),
		timeMode: 'clock',
		...parts,
	});
	cleanup = rendered.unmount;
	return rendered.lastFrame() ?? '';
}

function plainPane(parts: Partial<Parameters<typeof MessagePane>[0]> = {}) {
	return plain(pane(parts));
}

const inverse = '\u001B[7m';

describe('the message pane, finding', () => {
	test('the rule says the search, how many lines match, and which one is current', () => {
		expect(
			plainPane({find: pattern('line'), matchCount: 17, matchIndex: 3}),
		).toMatch(/^─ messages · all · find "line" · 3\/17 · following ─+$/m);
		expect(plainPane({find: pattern('/li.e/i'), matchCount: 1204})).toContain(
			'find /li.e/i · 1 204 matches',
		);
	});

	test('matches show inverse (which NO_COLOR keeps); without a search nothing does', () => {
		const frame = pane({find: pattern('ine 1')});
		const line = frame
			.split('\n')
			.find((row) => plain(row).endsWith('line 1'))!;
		expect(line).toContain(`l${inverse}ine 1`);
		expect(pane()).not.toContain(inverse);
	});

	test('the rule names the filter and how many lines it hides', () => {
		const parsed = parseFilter('@a "err"');
		expect(parsed.ok).toBe(true);
		if (parsed.ok) {
			expect(plainPane({filter: parsed.filter, hidden: 1204})).toMatch(
				/^─ messages · filter @a "err" · 1 204 hidden · following ─/m,
			);
		}
	});

	test('each time mode stamps the lines its way, and off leaves no stamp', () => {
		const time = new Date(2026, 0, 2, 13, 4, 5, 67).getTime();
		const lines = [0, 250, 2250].map((offset, index) =>
			frameRecord(
				{seq: index, time: time + offset, serverId: 'alpha', direction: 'in'},
				`line ${index}`,
				false,
			),
		);
		const rows = (timeMode: TimeMode) =>
			plainPane({lines, timeMode, previousTime: time - 5})
				.split('\n')
				.filter((row) => row.includes('line'))
				.map((row) => row.slice(0, row.indexOf('alpha')).trim());
		expect(rows('clock')).toEqual(['13:04:05', '13:04:05', '13:04:07']);
		expect(rows('millis')).toEqual([
			'13:04:05.067',
			'13:04:05.317',
			'13:04:07.317',
		]);
		expect(rows('delta')).toEqual(['+5ms', '+250ms', '+2.00s']);
		expect(rows('off')).toEqual(['', '', '']);
	});
});

describe('the monitor, finding', () => {
	test('/find highlights and counts live; Ctrl+N jumps, pausing the pane; /filter shows in the rule with what it hides', async () => {
		const store = fakeStore(
			snapshotOf({
				servers: [serverRow('alpha'), serverRow('beta')],
				messages: [
					...textMessages(40, 'alpha', 0),
					...textMessages(5, 'beta', 40),
				],
			}),
		);
		const rendered = render(
			<App store={store} registryLabel="~/.shipyard/servers.json" />,
		);
		cleanup = rendered.unmount;
		const {stdin, lastFrame} = rendered;
		await waitForFrame(lastFrame, (text) => plain(text).includes('line 4'));
		stdin.write('/find line 3\r');
		await waitForFrame(
			lastFrame,
			(text) => plain(text).includes('find "line 3" · 12 matches'),
			'the count',
		);
		stdin.write('\u000E');
		const jumped = await waitForFrame(
			lastFrame,
			(text) => plain(text).includes('find "line 3" · 12/12 · paused'),
			'the jump',
		);
		expect(jumped).toContain(`${inverse}line 3`);
		// A new match keeps the count live.
		store.publish({
			...store.getSnapshot(),
			messages: [
				...store.getSnapshot().messages,
				frameRecord(
					{seq: 45, time: Date.now(), serverId: 'beta', direction: 'in'},
					'a new line 3',
					false,
				),
			],
		});
		await waitForFrame(
			lastFrame,
			(text) => plain(text).includes('find "line 3" · 12/13 · paused · 1 new'),
			'the live count',
		);
		stdin.write('/filter @beta\r');
		await waitForFrame(
			lastFrame,
			(text) =>
				plain(text).includes(
					'filter @beta · 40 hidden · find "line 3" · 1/2 · following',
				),
			'the filter',
		);
	});
});

describe('the message pane at 60 columns', () => {
	test('a long filter is cut so the search after it still shows', () => {
		const parsed = parseFilter(
			'@echo-* !@echo-bravo in payload.n>3 "a long phrase"',
		);
		expect(parsed.ok).toBe(true);
		const rule = plainPane({
			width: 60,
			filter: parsed.ok ? parsed.filter : undefined,
			hidden: 21,
			find: pattern('echo'),
			matchCount: 3,
			matchIndex: 2,
		}).split('\n')[0]!;
		expect(rule).toContain('find "echo" · 2/3');
		expect(rule).toMatch(/^─ messages · filter @echo… · 21 hidden · find/);
	});
});
