import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {asciiText} from '../../../source/core/messages/ascii-text.js';
import {sanitize} from '../../../source/core/messages/sanitize.js';
import {assertInert} from './inert.js';

const esc = '\u001B';
const reset = `${esc}[0m`;

describe('sanitize at the edges of its tables', () => {
	test('keeps CR LF visible as ␍␊ in single-line mode (only multiline drops the CR)', () => {
		expect(sanitize('a\r\nb')).toBe('a␍␊b');
		expect(sanitize('a\r\nb', {keepSgr: true})).toBe('a␍␊b');
		expect(sanitize('a\r\nb', {multiline: true})).toBe('a\nb');
	});

	test('drops only a CR that a LF follows in multiline mode', () => {
		expect(sanitize('a\r', {multiline: true})).toBe('a␍');
		expect(sanitize('a\rb\r\r\n', {multiline: true})).toBe('a␍b␍\n');
	});

	test('leaves the characters just past each escaped range alone', () => {
		// U+2070 (superscript zero) is the first code unit above the replacement table.
		expect(sanitize('\u206F\u2070\u0007')).toBe(String.raw`\u206f` + '\u2070␇');
		// U+00A0 (no-break space) follows the last C1 control, U+009F.
		expect(sanitize('\u009F\u00A0\u0007\u00A0')).toBe(
			String.raw`\x9f` + '\u00A0␇\u00A0',
		);
		// U+FFFC follows the interlinear annotation marks U+FFF9–U+FFFB; U+FFF8 precedes them.
		expect(sanitize('\uFFF8\uFFF9\uFFFB\uFFFC')).toBe(
			'\uFFF8' + String.raw`\ufff9\ufffb` + '\uFFFC',
		);
		// Tag characters end at U+E007F; U+E0080 (a variation selector supplement) stays.
		expect(sanitize('\u{E007F}\u{E0080}\u0007')).toBe(
			String.raw`\u{e007f}` + '\u{E0080}␇',
		);
	});

	test('marks a leading byte order mark instead of dropping it', () => {
		expect(sanitize('\uFEFFabc')).toBe(String.raw`\ufeff` + 'abc');
		expect(sanitize('\uFEFF\u0007')).toBe(String.raw`\ufeff` + '␇');
	});

	test('marks the first and last character of every escaped range, each alone in plain text', () => {
		const alone: Array<[character: string, shown: string]> = [
			['\u0000', '␀'],
			['\u001F', '␟'],
			['\u007F', '␡'],
			['\u0080', String.raw`\x80`],
			['\u009F', String.raw`\x9f`],
			['\u00AD', String.raw`\u00ad`],
			['\u034F', String.raw`\u034f`],
			['\u061C', String.raw`\u061c`],
			['\u180E', String.raw`\u180e`],
			['\u200B', String.raw`\u200b`],
			['\u200D', String.raw`\u200d`],
			['\u200F', String.raw`\u200f`],
			['\u2028', String.raw`\u2028`],
			['\u202E', String.raw`\u202e`],
			['\u2060', String.raw`\u2060`],
			['\u2064', String.raw`\u2064`],
			['\u2066', String.raw`\u2066`],
			['\u206F', String.raw`\u206f`],
			['\uFEFF', String.raw`\ufeff`],
			['\uFFF9', String.raw`\ufff9`],
			['\uFFFB', String.raw`\ufffb`],
			['\u{E0000}', String.raw`\u{e0000}`],
			['\u{E007F}', String.raw`\u{e007f}`],
		];
		for (const [character, shown] of alone) {
			expect(sanitize(`x${character}y`)).toBe(`x${shown}y`);
		}
	});

	test('leaves the neighbours of the escaped ranges as they are', () => {
		const neighbours =
			'\u0020\u007E\u00A0\u00AC\u00AE\u034E\u0350\u061B\u061D\u180D\u180F\u200A\u2010\u2027\u202F\u205F\u2065\u2070\uFEFE\uFF00\uFFF8\uFFFC\u{DFFFF}\u{E0080}';
		expect(sanitize(neighbours)).toBe(neighbours);
		expect(sanitize(`${neighbours}\u0007`)).toBe(`${neighbours}␇`);
	});
});

describe('sanitize on input larger than its scratch buffer', () => {
	test('keeps every unit of dense controls over 4 KiB', () => {
		expect(sanitize('\u0007'.repeat(5000))).toBe('␇'.repeat(5000));
		expect(sanitize(`${'a'.repeat(4090)}${'\u009B'.repeat(20)}`)).toBe(
			`${'a'.repeat(4090)}${String.raw`\x9b`.repeat(20)}`,
		);
	});

	test('keeps every unit when the escapes grow the text many times over', () => {
		const tags = '\u{E0041}'.repeat(3000);
		expect(sanitize(tags)).toBe(String.raw`\u{e0041}`.repeat(3000));
		// A short text after a long one reuses the scratch buffer; nothing of the long one shows.
		expect(sanitize('\u0007')).toBe('␇');
	});

	test('keeps every unit of output larger than any scratch buffer kept between calls', () => {
		// 70 000 C1 controls become 280 000 units, more than the 256 Ki units a kept buffer may hold.
		expect(sanitize('\u009B'.repeat(70_000))).toBe(
			String.raw`\x9b`.repeat(70_000),
		);
	});

	test('keeps a long plain run before the first control', () => {
		const plain = 'a'.repeat(300_000);
		expect(sanitize(`${plain}\u0007`)).toBe(`${plain}␇`);
	});
});

/**
What a cut to `maxLength` must look like, against the same text sanitised without a limit: the whole
text when it fits (a kept style's closing reset not counted), or else a prefix of it, the `…`, and a
reset when the prefix holds a kept SGR; the prefix loses at most a surrogate half or one SGR
sequence beyond the `maxLength - 1` units it may keep.
*/
function expectGoodCut(text: string, maxLength: number, keepSgr: boolean) {
	const full = sanitize(text, {keepSgr});
	const cut = sanitize(text, {keepSgr, maxLength});
	// The reset `sanitize` appended (the text did not end with one of its own) is not counted.
	const appendedReset = full.endsWith(reset) && !text.endsWith(reset);
	const fullVisible = appendedReset ? full.slice(0, -4) : full;
	if (fullVisible.length <= maxLength) {
		expect(cut).toBe(full);
		return;
	}

	if (maxLength === 0) {
		expect(cut).toBe('');
		return;
	}

	const prefix = cut.endsWith(`…${reset}`)
		? cut.slice(0, -5)
		: cut.slice(0, -1);
	expect(cut).toBe(`${prefix}…${prefix.includes(esc) ? reset : ''}`);
	expect(full.startsWith(prefix)).toBe(true);
	expect(prefix.length).toBeLessThanOrEqual(maxLength - 1);
	const lost = full.slice(prefix.length, maxLength - 1);
	const lostOnlyAHalfOrAnSgr =
		lost === '' ||
		(lost.length === 1 && /[\uD800-\uDBFF]/u.test(lost)) ||
		lost.startsWith(esc);
	expect(lostOnlyAHalfOrAnSgr, JSON.stringify({text, maxLength, cut})).toBe(
		true,
	);
	assertInert(cut, {keepSgr});
	// No half of a surrogate pair before the `…`.
	expect(cut).not.toMatch(/[\uD800-\uDFFF]/u);
}

describe('sanitize with maxLength', () => {
	test('gives nothing at all for a limit of 0, and only the ellipsis for 1', () => {
		expect(sanitize('abc', {maxLength: 0})).toBe('');
		expect(sanitize('a\u0007', {maxLength: 0})).toBe('');
		expect(sanitize('', {maxLength: 0})).toBe('');
		expect(sanitize('abc', {maxLength: 1})).toBe('…');
		expect(sanitize('x'.repeat(500), {maxLength: 0})).toBe('');
	});

	test('drops a kept SGR whose m would be the first unit past the cut', () => {
		const text = `aa${esc}[1mbbbbbb`;
		// `m` is at index 5: with maxLength 6 the kept part may hold indexes 0–4.
		expect(sanitize(text, {keepSgr: true, maxLength: 6})).toBe('aa…');
		expect(sanitize(text, {keepSgr: true, maxLength: 7})).toBe(
			`aa${esc}[1m…${reset}`,
		);
	});

	test('never lets an SGR that starts right at the cut push past the limit', () => {
		const text = `abcd${esc}[31mred`;
		expect(sanitize(text, {keepSgr: true, maxLength: 5})).toBe('abcd…');
		expect(sanitize(text, {keepSgr: true, maxLength: 4})).toBe('abc…');
		expect(sanitize(text, {keepSgr: true, maxLength: 6})).toBe('abcd…');
	});

	test('keeps a whole emoji just before the cut, and drops one the cut would split', () => {
		expect(sanitize('ab👍cd', {maxLength: 5})).toBe('ab👍…');
		expect(sanitize('ab👍👍cd', {maxLength: 5})).toBe('ab👍…');
		expect(sanitize('ab👍👍cd', {maxLength: 6})).toBe('ab👍…');
		expect(sanitize('ab👍👍cd', {maxLength: 7})).toBe('ab👍👍…');
		expect(sanitize('a\u0007👍cd', {maxLength: 4})).toBe('a␇…');
	});

	test('does not mark text as cut when only the closing reset of a kept style is over the limit', () => {
		const text = `aa${esc}[1mbbbbbb`;
		for (const maxLength of [12, 13, 14, 15, 16]) {
			expect(sanitize(text, {keepSgr: true, maxLength})).toBe(
				`${text}${reset}`,
			);
		}
	});

	test('cuts at every limit in a text of SGR, emoji and controls without breaking anything', () => {
		const texts = [
			`aa${esc}[1mbbbbbb`,
			`${esc}[31m${esc}[1mx👍y${esc}[0mz\u0007\u009B`,
			`👍👍\u0007${esc}[38;5;196m👍${esc}[m\u{E0041}end`,
			`\r\n${esc}]0;t\u0007${esc}[2J\u202E👨‍👩‍👧`,
		];
		for (const text of texts) {
			for (
				let maxLength = 0;
				maxLength <= sanitize(text).length + 2;
				maxLength++
			) {
				expectGoodCut(text, maxLength, true);
				expectGoodCut(text, maxLength, false);
			}
		}
	});

	test.prop(
		[
			fc.array(
				fc.constantFrom(
					'a',
					'👍',
					'\u0007',
					'\u009B',
					'\u200B',
					'\u{E0041}',
					`${esc}[31m`,
					`${esc}[m`,
					reset,
					`${esc}[1;2`,
					esc,
				),
				{maxLength: 40},
			),
			fc.nat({max: 120}),
			fc.boolean(),
		],
		{numRuns: 200},
	)(
		'any cut keeps a prefix of the full text, losing at most a surrogate half or an SGR',
		(parts, maxLength, keepSgr) => {
			expectGoodCut(parts.join(''), maxLength, keepSgr);
		},
	);

	test('never splits a pair at either end of the surrogate ranges', () => {
		expect(sanitize('ab\u{10000}cd', {maxLength: 4})).toBe('ab…');
		expect(sanitize('ab\u{10FFFD}cd', {maxLength: 4})).toBe('ab…');
		expect(sanitize('ab\u{10000}cd', {maxLength: 5})).toBe('ab\u{10000}…');
	});

	test('marks a long multiline text as cut even when its dropped CRs make it short', () => {
		const output = sanitize('\r\n'.repeat(200), {
			multiline: true,
			maxLength: 100,
		});
		expect(output).toBe(`${'\n'.repeat(89)}…`);
	});

	test('cuts a long text past the examined slack at the same place as a short one', () => {
		const head = `${'a'.repeat(30)}${esc}[31m${'b'.repeat(5)}`;
		const long = `${head}${'c'.repeat(1000)}`;
		const short = `${head}${'c'.repeat(60)}`;
		for (const maxLength of [10, 33, 36, 40, 50]) {
			expect(sanitize(long, {keepSgr: true, maxLength})).toBe(
				sanitize(short, {keepSgr: true, maxLength}),
			);
		}
	});
});

describe('sanitize: joiners inside emoji', () => {
	test('keeps a joiner after a pictograph that starts the text', () => {
		expect(sanitize('\u2764\u200D\u{1F525}')).toBe('\u2764\u200D\u{1F525}');
	});

	test('looks back over a skin tone at either end of their range, and over a tone and a selector', () => {
		for (const tone of ['\u{1F3FB}', '\u{1F3FF}', '\u{1F3FD}\uFE0F']) {
			const emoji = `\u{1F44B}${tone}\u200D\u{1F525}`;
			expect(sanitize(`x${emoji}`)).toBe(`x${emoji}`);
		}
	});

	test('looks back over two selectors at most, and marks a joiner after a longer run', () => {
		expect(sanitize('\u{1F44B}\u{1F3FD}\uFE0F\uFE0F\u200D\u{1F525}')).toBe(
			'\u{1F44B}\u{1F3FD}\uFE0F\uFE0F' + String.raw`\u200d` + '\u{1F525}',
		);
	});

	test('marks a joiner after a selector that follows no pictograph', () => {
		expect(sanitize('\uFE0F\u200D\u{1F525}')).toBe(
			'\uFE0F' + String.raw`\u200d` + '\u{1F525}',
		);
		expect(sanitize('x\u{1F3FD}\u200D\u{1F525}')).toBe(
			'x\u{1F3FD}' + String.raw`\u200d` + '\u{1F525}',
		);
	});
});

describe('asciiText: every mark this program writes', () => {
	test('gives each of them its ASCII form', () => {
		expect(asciiText('– ○ ✗ ✓ ↑ ↓ ⚠ ‘ ’ “ ” × · … — ─ ● ◌ ✕ › ▸ ← →')).toBe(
			`- o x v ^ v ! ' ' " " x | ... - - * o x > > <- ->`,
		);
	});

	test('writes the first and last control picture and DEL in caret notation', () => {
		expect(asciiText('␀␟␡')).toBe('^@^_^?');
		// U+2420 (the picture for a space) is not one of them.
		expect(asciiText('␠')).toBe('?');
	});
});
