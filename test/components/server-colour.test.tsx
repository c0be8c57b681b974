/* eslint-disable no-control-regex -- SGR sequences are what these tests read. */
/**
Issue 11 item 6: a server's SGR colours drawn in the pane and the detail view, and nothing else of
what it sends ever reaching the terminal raw; `/ansi off` (colour false) shows them as text again.
*/
import {stripVTControlCharacters} from 'node:util';
import {fc, test} from '@fast-check/vitest';
import {render} from 'ink-testing-library';
import stringWidth from 'string-width';
import {afterEach, describe, expect, vi} from 'vitest';
import {DetailView} from '../../source/components/detail-view.js';
import {type MessagePane} from '../../source/components/message-pane.js';
import {frameRecord} from '../../source/core/messages/record.js';
import {parseTextPattern} from '../../source/core/query/text-pattern.js';
import {setColorEnabled} from '../../source/view/color-mode.js';
import {detailLines} from '../../source/view/detail-text.js';
import {applySgr} from '../../source/view/sgr-spans.js';
import {
	hostileCharacters,
	hostileString,
	rawControl,
} from '../helpers/hostile-text.js';
import {renderMessagePane} from '../helpers/message-pane.js';

// The test's stdout is no terminal: without this chalk would draw no colour at all (see
// message-pane-find.test.tsx). Set before chalk is imported (vi.hoisted runs above the imports).
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
	setColorEnabled(true);
});

const red = '\u001B[31m';
const sgr = /\u001B\[[\d;]*m/g;

function record(text: string, seq = 1) {
	return frameRecord(
		{
			seq,
			time: Date.UTC(2026, 0, 2, 13, 4, 5),
			serverId: 'alpha',
			direction: 'in',
		},
		text,
		false,
	);
}

function pane(
	texts: readonly string[],
	parts: Partial<Parameters<typeof MessagePane>[0]> = {},
): string {
	const rendered = renderMessagePane({
		lines: texts.map((text, index) => record(text, index)),
		width: 60,
		height: texts.length + 1,
		...parts,
	});
	const frame = rendered.lastFrame() ?? '';
	rendered.unmount();
	return frame;
}

/** The style a line of output leaves set, read with the same SGR parser the view uses. */
function styleLeftOpen(line: string) {
	let style = {};
	for (const match of line.matchAll(/\u001B\[([\d;]*)m/g)) {
		style = applySgr(style, match[1]!);
	}

	return style;
}

describe('server colour in the pane', () => {
	test('a red frame is drawn red, its escape sequence not shown', () => {
		const frame = pane([`${red}failed\u001B[0m ok`]);
		const line = frame.split('\n').find((row) => row.includes('failed'))!;
		expect(line).toContain(`${red}failed`);
		expect(stripVTControlCharacters(line)).toContain('failed ok');
		expect(line).not.toContain('␛');
	});

	test('/ansi off shows the sequence as escaped text, uncoloured', () => {
		const frame = pane([`${red}failed\u001B[0m ok`], {isColourShown: false});
		expect(frame).toContain('␛[31mfailed␛[0m ok');
		expect(frame).not.toContain(`${red}failed`);
	});

	test('NO_COLOR drops the colour and keeps the text and the bold', () => {
		setColorEnabled(false);
		const frame = pane(['\u001B[1;31mfailed\u001B[0m ok']);
		expect(frame).not.toContain(red);
		expect(frame).not.toMatch(/\u001B\[3\dm/);
		expect(stripVTControlCharacters(frame)).toContain('failed ok');
		expect(frame).toContain('\u001B[1mfailed');
	});

	test('cutting a long coloured line to the width counts no escape as a cell and leaves no style open', () => {
		const long = Array.from(
			{length: 40},
			(_, index) => `\u001B[3${index % 8};4${(index + 1) % 8}mword${index}`,
		).join(' ');
		const frame = pane([long, `\u001B[38;5;200m${'x'.repeat(200)}`]);
		for (const line of frame.split('\n')) {
			expect(stringWidth(line)).toBeLessThanOrEqual(60);
			expect(styleLeftOpen(line)).toEqual({});
		}

		expect(stripVTControlCharacters(frame)).toContain('word0 word1 word2');
	});

	test('/find matches the visible text, across colour changes', () => {
		const parsed = parseTextPattern('red alert');
		if (!parsed.ok) {
			throw new Error(parsed.error);
		}

		const frame = pane([`${red}red\u001B[0m alert`], {
			find: parsed.pattern,
			matchCount: 1,
		});
		const line = frame.split('\n').find((row) => row.includes('alert'))!;
		// Both pieces of the match are inverse; the red survives in the first.
		expect(line).toMatch(/\u001B\[7m[^␛]*red/);
		expect(line.indexOf('\u001B[7m')).toBeLessThan(line.indexOf('alert'));
		expect(line).toContain('\u001B[31m');
	});

	test('every hostile string of the sanitiser tests still shows inert with colour on', () => {
		const frame = pane(hostileCharacters.map((text) => `a${text}b`));
		expect(frame.replaceAll(sgr, '').replaceAll('\n', '')).not.toMatch(
			rawControl,
		);
	});

	test.prop([hostileString(60)], {numRuns: 60})(
		'no server text puts anything but SGR on the screen, and no line leaves a style open',
		(text) => {
			const frame = pane([`${red}${text}`, text]);
			expect(frame.replaceAll(sgr, '').replaceAll('\n', '')).not.toMatch(
				rawControl,
			);
			for (const line of frame.split('\n')) {
				expect(styleLeftOpen(line)).toEqual({});
			}
		},
	);
});

describe('server colour in the detail view', () => {
	test('a colour set before a line break stays on in the rows after it', () => {
		const message = record(`plain\n${red}first\nsecond\u001B[0m\nthird`);
		const lines = detailLines(message, 40, true);
		expect(lines.map((line) => stripVTControlCharacters(line))).toEqual([
			'plain',
			'first',
			'second',
			'third',
		]);
		const rendered = render(
			<DetailView
				lines={lines}
				summary="alpha"
				width={40}
				height={8}
				offset={0}
			/>,
		);
		cleanup = rendered.unmount;
		const rows = (rendered.lastFrame() ?? '').split('\n');
		expect(rows.find((row) => row.includes('first'))).toContain(red);
		expect(rows.find((row) => row.includes('second'))).toContain(red);
		expect(rows.find((row) => row.includes('third'))).not.toContain(red);
		expect(rows.find((row) => row.includes('plain'))).not.toContain(red);
	});

	test('/ansi off shows the detail as escaped text', () => {
		const lines = detailLines(record(`${red}first`), 40, false);
		expect(lines).toEqual(['␛[31mfirst']);
	});
});
