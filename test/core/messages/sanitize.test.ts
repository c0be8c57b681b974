import {describe, expect, it} from 'vitest';
import {
	sanitize,
	sanitizeLabel,
} from '../../../source/core/messages/sanitize.js';
import {assertInert, seededRandom} from './inert.js';

const esc = '\u001B';
const bel = '\u0007';
const st = `${esc}\\`;

/** Hostile inputs: each must come out inert, with or without `keepSgr`. */
const hostile: Array<[behaviour: string, input: string]> = [
	['an OSC 0 window title ended by BEL', `${esc}]0;pwned${bel}after`],
	['an OSC 2 window title ended by ST', `${esc}]2;pwned${st}after`],
	['an unterminated OSC title', `before${esc}]0;pwned and the rest`],
	['a screen clear', `${esc}[2Jcleared`],
	['a full reset (ESC c)', `${esc}creset`],
	['a cursor home', `${esc}[Hhome`],
	['a cursor move up ten lines', `${esc}[10Aup`],
	[
		'a cursor save and restore (DEC and SCO)',
		`${esc}7a${esc}8b${esc}[sc${esc}[ud`,
	],
	[
		'an OSC 8 hyperlink',
		`${esc}]8;;https://evil.example${st}click me${esc}]8;;${st}`,
	],
	['an OSC 52 clipboard write', `${esc}]52;c;cm0gLXJmIH4K${bel}`],
	['a device status query', `${esc}[6n`],
	['a device attributes query', `${esc}[c${esc}[>c`],
	['a DECRQSS request (DCS)', `${esc}P$qm${st}`],
	['APC, PM and SOS strings', `${esc}_apc${st}${esc}^pm${st}${esc}Xsos${st}`],
	['an 8-bit C1 CSI', '\u009B2J\u009B6n'],
	['an 8-bit C1 OSC', '\u009D0;pwned\u009C'],
	['every other C1 control', '\u0080\u0085\u008D\u0090\u0098\u009E\u009F'],
	['a CR that would overwrite a label', 'real\r[evil] fake'],
	['backspaces that would overwrite text', 'abc\b\b\bxyz'],
	['a right-to-left override', 'abc\u202Eevil.exe'],
	[
		'every bidi embedding, override, isolate and mark',
		'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C',
	],
	['line and paragraph separators', 'one\u2028two\u2029three'],
	['NUL', 'a\u0000b'],
	['DEL', 'a\u007Fb'],
	[
		'every C0 control',
		Array.from({length: 32}, (_, code) => String.fromCodePoint(code)).join(''),
	],
	['an SGR mixed with a screen clear', `${esc}[31m${esc}[2Jred`],
	['a private-mode CSI that hides the cursor', `${esc}[?25l`],
	['a lone ESC at the end', `text${esc}`],
];

describe('sanitize', () => {
	for (const [behaviour, input] of hostile) {
		it(`turns ${behaviour} into inert text`, () => {
			assertInert(sanitize(input));
			assertInert(sanitize(input, {keepSgr: true}), {keepSgr: true});
			assertInert(sanitize(input, {multiline: true}), {lineFeeds: true});
		});
	}

	it('turns an OSC window title into visible text', () => {
		expect(sanitize(`${esc}]0;pwned${bel}`)).toBe('␛]0;pwned␇');
		expect(sanitize(`${esc}]2;pwned${st}`)).toBe('␛]2;pwned␛\\');
		expect(sanitize(`${esc}]0;pwned`)).toBe('␛]0;pwned');
	});

	it('shows cursor moves, clears and queries as visible text', () => {
		expect(sanitize(`${esc}[2J${esc}[H${esc}[10A${esc}[6n${esc}c`)).toBe(
			'␛[2J␛[H␛[10A␛[6n␛c',
		);
	});

	it('shows OSC 8 hyperlinks and OSC 52 clipboard writes as visible text', () => {
		expect(sanitize(`${esc}]8;;https://x.example${st}link`)).toBe(
			String.raw`␛]8;;https://x.example␛\link`,
		);
		expect(sanitize(`${esc}]52;c;aGk=${bel}`)).toBe('␛]52;c;aGk=␇');
	});

	it(String.raw`shows 8-bit C1 controls as \x escapes`, () => {
		expect(sanitize('\u009B2J\u009D0;t\u009C')).toBe(
			String.raw`\x9b2J\x9d0;t\x9c`,
		);
	});

	it('keeps CR and BS from overwriting what came before them', () => {
		expect(sanitize('real\r[evil] fake')).toBe('real␍[evil] fake');
		expect(sanitize('abc\b\b\bxyz')).toBe('abc␈␈␈xyz');
	});

	it(String.raw`shows bidi controls and separators as \u escapes`, () => {
		expect(sanitize('abc\u202Eexe.txt')).toBe(String.raw`abc\u202eexe.txt`);
		expect(sanitize('a\u2066b\u200Fc\u2028d')).toBe(
			String.raw`a\u2066b\u200fc\u2028d`,
		);
	});

	it('maps C0 controls to control pictures, DEL to ␡, and TAB to a space', () => {
		expect(sanitize('\u0000\u0007\b\n\r\u001B\u007F')).toBe('␀␇␈␊␍␛␡');
		expect(sanitize('a\tb')).toBe('a b');
	});

	it('keeps SGR colour with keepSgr and escapes it without', () => {
		const red = `${esc}[31mred${esc}[0m`;
		expect(sanitize(red, {keepSgr: true})).toBe(red);
		expect(sanitize(red)).toBe('␛[31mred␛[0m');
		expect(sanitize(red, {keepSgr: false})).toBe('␛[31mred␛[0m');
	});

	it('keeps only well-formed, short SGR sequences with keepSgr', () => {
		const keep = {keepSgr: true};
		expect(sanitize(`${esc}[1;38;5;196mx${esc}[m`, keep)).toBe(
			`${esc}[1;38;5;196mx${esc}[m`,
		);
		expect(sanitize(`${esc}[38:2::255:0:0mx`, keep)).toBe('␛[38:2::255:0:0mx');
		expect(sanitize(`${esc}[?25l`, keep)).toBe('␛[?25l');
		expect(sanitize(`${esc}[31`, keep)).toBe('␛[31');
		const longest = `${esc}[${'1;'.repeat(32)}m`;
		expect(sanitize(`${longest}x${esc}[0m`, keep)).toBe(`${longest}x${esc}[0m`);
		const tooLong = `${esc}[${'1;'.repeat(32)}1m`;
		expect(sanitize(tooLong, keep)).toBe(`␛${tooLong.slice(1)}`);
	});

	it('resets a style that kept SGR leaves open', () => {
		expect(sanitize(`${esc}[31mred`, {keepSgr: true})).toBe(
			`${esc}[31mred${esc}[0m`,
		);
		expect(sanitize(`${esc}[31mred${esc}[0m`, {keepSgr: true})).toBe(
			`${esc}[31mred${esc}[0m`,
		);
	});

	it('returns the input itself when nothing needs escaping', () => {
		const safe = 'plain text, café, 漢字, emoji 👍🏽, quotes “”, ellipsis …';
		expect(sanitize(safe)).toBe(safe);
		expect(sanitize(safe, {keepSgr: true, multiline: true})).toBe(safe);
	});

	it('leaves surrogate pairs whole while escaping around them', () => {
		expect(sanitize('👍\u001B👍')).toBe('👍␛👍');
	});

	it('keeps line feeds in multiline mode and turns CR LF into LF', () => {
		expect(sanitize('one\ntwo\r\nthree\rfour', {multiline: true})).toBe(
			'one\ntwo\nthree␍four',
		);
		expect(sanitize('one\ntwo')).toBe('one␊two');
	});

	describe('maxLength', () => {
		it('cuts long text with an ellipsis', () => {
			const output = sanitize('x'.repeat(100), {maxLength: 10});
			expect(output).toBe(`${'x'.repeat(9)}…`);
		});

		it('leaves text that fits alone', () => {
			expect(sanitize('x'.repeat(10), {maxLength: 10})).toBe('x'.repeat(10));
		});

		it('counts escaped text, not the input, against the limit', () => {
			const output = sanitize('\u009B'.repeat(10), {maxLength: 10});
			expect(output.length).toBeLessThanOrEqual(10);
			expect(output.endsWith('…')).toBe(true);
		});

		it('never cuts a kept SGR sequence in half', () => {
			const input = `${'a'.repeat(8)}${esc}[38;5;196mred`;
			const output = sanitize(input, {keepSgr: true, maxLength: 12});
			expect(output).toBe(`${'a'.repeat(8)}…`);
			assertInert(output, {keepSgr: true});
		});

		it('resets the style when the cut leaves it open', () => {
			const output = sanitize(`${esc}[31m${'r'.repeat(50)}`, {
				keepSgr: true,
				maxLength: 20,
			});
			expect(output).toBe(`${esc}[31m${'r'.repeat(14)}…${esc}[0m`);
		});

		it('never splits a surrogate pair', () => {
			expect(sanitize('ab👍cd', {maxLength: 4})).toBe('ab…');
		});

		// How long it takes is measured by test/bench/core-timings.mjs, not here.
		it('cuts a huge text to maxLength, inert', () => {
			const huge = `${esc}]0;x${bel}`.repeat(1024 * 1024);
			const output = sanitize(huge, {maxLength: 100});
			expect(output.length).toBeLessThanOrEqual(100);
			assertInert(output);
		});
	});

	// How long it takes is measured by test/bench/core-timings.mjs, not here.
	it('makes a dense 64 KiB of controls inert', () => {
		const input = `${esc}[2J\u009B\u202E\r\b`.repeat((64 * 1024) / 8);
		const output = sanitize(input);
		assertInert(output);
	});

	it('leaves every random string of dangerous code points inert', () => {
		const alphabet = [
			...Array.from({length: 32}, (_, code) => String.fromCodePoint(code)),
			...Array.from({length: 33}, (_, offset) =>
				String.fromCodePoint(0x7f + offset),
			),
			'\u061C',
			'\u200E',
			'\u200F',
			'\u2028',
			'\u2029',
			'\u202A',
			'\u202E',
			'\u2066',
			'\u2069',
			'[',
			']',
			';',
			'm',
			'0',
			'3',
			'9',
			'?',
			'P',
			'\\',
			'a',
			'👍',
			'\uD83D',
		];
		const random = seededRandom(20_240_601);
		for (let run = 0; run < 2000; run++) {
			const length = Math.floor(random() * 40);
			let input = '';
			for (let index = 0; index < length; index++) {
				// Favour ESC and `[` so SGR-like sequences turn up often.
				const pick = random();
				input +=
					pick < 0.15
						? esc
						: pick < 0.25
							? '['
							: alphabet[Math.floor(random() * alphabet.length)]!;
			}

			assertInert(sanitize(input));
			assertInert(sanitize(input, {keepSgr: true}), {keepSgr: true});
			assertInert(sanitize(input, {multiline: true}), {lineFeeds: true});
			const cut = sanitize(input, {keepSgr: true, maxLength: 12});
			assertInert(cut, {keepSgr: true});
			const visible = cut.endsWith(`${esc}[0m`) ? cut.slice(0, -4) : cut;
			expect(visible.length).toBeLessThanOrEqual(12);
		}
	});
});

describe('sanitizeLabel', () => {
	it('escapes everything, SGR included', () => {
		expect(sanitizeLabel(`${esc}[31mserver${esc}[0m`, 40)).toBe(
			'␛[31mserver␛[0m',
		);
	});

	it('cuts long labels with an ellipsis', () => {
		expect(sanitizeLabel('a-very-long-server-id', 8)).toBe('a-very-…');
		expect(sanitizeLabel('short', 8)).toBe('short');
	});

	it('keeps a label with a CR from spoofing another', () => {
		expect(sanitizeLabel('api\rdb', 20)).toBe('api␍db');
	});
});
