import {fc, test} from '@fast-check/vitest';
import stringWidth from 'string-width';
import {describe, expect} from 'vitest';
import {terminalRefusal} from '../../source/commands/check-terminal.js';
import {feedbackRows} from '../../source/view/feedback.js';
import {
	asciiCells,
	asciiGlyphs,
	detectCharset,
	unicodeGlyphs,
} from '../../source/view/glyphs.js';
import {
	isTooSmall,
	layoutScreen,
	minimumSize,
} from '../../source/view/screen-layout.js';
import {scrollWindow} from '../../source/view/scroll-window.js';
import {wrapCells} from '../../source/view/wrap-cells.js';
import {serverRow} from '../helpers/monitor-fixtures.js';
import {enter, stepContext} from '../helpers/step.js';

describe('detectCharset', () => {
	test.each([
		[{LANG: 'en_US.UTF-8'}, 'unicode'],
		[{LANG: 'C.utf8'}, 'unicode'],
		[{LC_ALL: 'C'}, 'ascii'],
		[{LANG: 'C'}, 'ascii'],
		[{LANG: 'POSIX'}, 'ascii'],
		[{LANG: 'en_US.ISO-8859-1'}, 'ascii'],
		[{LC_ALL: 'C', LANG: 'en_US.UTF-8'}, 'ascii'],
		[{LC_ALL: '', LC_CTYPE: 'de_DE.UTF-8', LANG: 'C'}, 'unicode'],
		[{LC_CTYPE: 'C', LANG: 'en_US.UTF-8'}, 'ascii'],
		[{}, 'unicode'],
	] as const)('%o → %s', (environment, expected) => {
		expect(detectCharset(environment)).toBe(expected);
	});

	test('every ASCII glyph is ASCII, and there is one for every Unicode glyph', () => {
		const flat = (glyphs: object): string[] =>
			Object.values(glyphs).flatMap((value: unknown) =>
				typeof value === 'string' ? [value] : flat(value as object),
			);
		expect(flat(asciiGlyphs).join('')).toMatch(/^[\u0020-\u007E]*$/u);
		expect(flat(asciiGlyphs)).toHaveLength(flat(unicodeGlyphs).length);
	});
});

describe('asciiCells', () => {
	test('a Hangul syllable written as its jamo keeps its two cells (fast-check found it)', () => {
		expect(asciiCells('\u1100\u1161')).toBe('??');
		expect(asciiCells('e\u0301 ok')).toBe('e ok');
	});

	test.prop([fc.string({unit: 'grapheme', maxLength: 40})], {numRuns: 300})(
		'makes a finished line ASCII without moving anything',
		(line) => {
			const ascii = asciiCells(line);
			// eslint-disable-next-line no-control-regex -- colour sequences start with ESC.
			expect(ascii).toMatch(/^[\u0000-\u007E]*$/u);
			// Ink counts every character as at least one cell; so does the replacement.
			const cells = (text: string) =>
				[...new Intl.Segmenter().segment(text)]
					.map(({segment}) => Math.max(1, stringWidth(segment)))
					.reduce((sum, width) => sum + width, 0);
			if (!/\p{M}|\p{Cf}|\p{Cc}/u.test(line)) {
				expect(ascii.length).toBe(cells(line));
			}
		},
	);

	test('Ink’s cut marker becomes one cell', () => {
		expect(asciiCells('\u001B[2mwaiting…\u001B[22m')).toBe(
			'\u001B[2mwaiting~\u001B[22m',
		);
	});
});

describe('terminalRefusal', () => {
	const monitor = {command: 'monitor', json: false, isTerminal: true};
	test('refuses TERM=dumb for the screen, with where to go instead', () => {
		expect(terminalRefusal({...monitor, environment: {TERM: 'dumb'}})).toMatch(
			/needs a terminal that can move the cursor \(TERM=dumb\); use `shipyard-tui --json` or `shipyard-tui list`/,
		);
		expect(
			terminalRefusal({
				...monitor,
				command: 'demo',
				environment: {TERM: 'dumb'},
			}),
		).toBeDefined();
	});

	test('lets everything that does not draw the screen through', () => {
		for (const invocation of [
			{...monitor, json: true},
			{...monitor, isTerminal: false},
			{...monitor, command: 'list'},
		]) {
			expect(
				terminalRefusal({...invocation, environment: {TERM: 'dumb'}}),
			).toBeUndefined();
		}

		expect(
			terminalRefusal({...monitor, environment: {TERM: 'xterm-256color'}}),
		).toBeUndefined();
	});
});

describe('wrapCells', () => {
	test('wraps CJK text by cells: 200 wide characters at 80 columns are 5 rows of 40', () => {
		expect(wrapCells('字'.repeat(200), 80)).toEqual(
			Array.from({length: 5}, () => '字'.repeat(40)),
		);
	});

	test('keeps empty lines and never splits an emoji sequence', () => {
		expect(wrapCells('a\n\nb', 10)).toEqual(['a', '', 'b']);
		expect(wrapCells('ab👨‍👩‍👧cd', 3)).toEqual(['ab', '👨‍👩‍👧c', 'd']);
	});

	test.prop(
		[
			fc.string({unit: 'grapheme', maxLength: 120}),
			fc.integer({min: 1, max: 30}),
		],
		{numRuns: 300},
	)(
		'loses nothing, and no row is wider than the width unless one character is',
		(text, width) => {
			const rows = wrapCells(text, width);
			expect(rows.join('')).toBe(text.replaceAll('\n', ''));
			for (const row of rows) {
				const graphemes = [...new Intl.Segmenter().segment(row)];
				expect(stringWidth(row) <= width || graphemes.length === 1).toBe(true);
			}
		},
	);
});

describe('scrollWindow', () => {
	test('a list that fits has no hint and no scrolling', () => {
		expect(scrollWindow(5, 10, 3)).toEqual({
			start: 0,
			end: 5,
			maxOffset: 0,
			above: 0,
			below: 0,
			hasHint: false,
		});
	});

	test('a longer one keeps the last row for the hint and stops with its last row shown', () => {
		expect(scrollWindow(25, 10, 0)).toMatchObject({
			start: 0,
			end: 9,
			below: 16,
		});
		expect(scrollWindow(25, 10, 1000)).toMatchObject({
			start: 16,
			end: 25,
			maxOffset: 16,
			below: 0,
		});
	});
});

describe('layoutScreen', () => {
	test('the answer to a command takes its rows from the pane, leaving it one', () => {
		const plain = layoutScreen(24, 2);
		const withAnswer = layoutScreen(24, 2, 3);
		expect(withAnswer.feedbackRows).toBe(3);
		expect(withAnswer.paneRows).toBe(plain.paneRows - 3);
		expect(layoutScreen(10, 2, 3).paneRows).toBeGreaterThanOrEqual(1);
	});

	test('below the minimum size the screen says it is too small', () => {
		expect(isTooSmall(20, 5)).toBe(true);
		expect(isTooSmall(minimumSize.columns, minimumSize.rows)).toBe(false);
	});
});

describe('feedbackRows', () => {
	test('wraps a long answer whole, and cuts only past three rows', () => {
		const text = `could not save: ${'x'.repeat(150)}`;
		expect(feedbackRows({text, tone: 'error'}, 80, '…').join('')).toBe(text);
		const long = feedbackRows({text: 'y'.repeat(500), tone: 'error'}, 80, '…');
		expect(long).toHaveLength(3);
		expect(long[2]!.endsWith('…')).toBe(true);
	});

	test('an answer naming a hostile registry id cannot reach the terminal raw', () => {
		const {effects} = enter('/to nobody', {
			context: stepContext({servers: [serverRow('evil\u001B]0;pwned\u0007')]}),
		});
		const answer = effects.find(
			(effect) => effect.type === 'say' && effect.feedback,
		);
		const text = answer?.type === 'say' ? (answer.feedback?.text ?? '') : '';
		expect(text).toContain('no server "nobody"');
		const rows = feedbackRows({text, tone: 'error'}, 80, '…');
		expect(rows.join('')).toContain('pwned');
		expect(rows.join('')).not.toMatch(dangerous);
	});

	test.prop([
		fc.string({unit: 'binary', maxLength: 400}),
		fc.integer({min: 10, max: 200}),
	])(
		'never holds a control, C1 or bidi character, whatever the answer says',
		(text, width) => {
			const rows = feedbackRows({text, tone: 'info'}, width, '…');
			expect(rows.join('')).not.toMatch(dangerous);
		},
	);
});

const dangerous =
	// eslint-disable-next-line no-control-regex -- finding what must never reach the terminal
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('/filter with a server that is not registered', () => {
	test('is kept, and names the unknown server so the view can warn', () => {
		const context = stepContext({servers: [serverRow('api')]});
		const unknown = enter('/filter @nobody', {context});
		expect(unknown.state.filter?.label).toBe('@nobody');
		expect(unknown.effects).toContainEqual({
			type: 'say',
			feedback: expect.objectContaining({
				tone: 'warning',
				text: expect.stringContaining('no server "nobody" is registered yet'),
			}),
		});
		const known = enter('/filter @api', {context});
		expect(known.state.filter?.label).toBe('@api');
		expect(known.effects).toContainEqual({
			type: 'say',
			feedback: expect.objectContaining({tone: 'info'}),
		});
	});
});
