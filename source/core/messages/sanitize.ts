/**
Makes untrusted text (from servers and from the registry) safe to write to a real terminal.

Ink writes strings as they are, so anything that reaches it must already be inert:

- C0 controls become Unicode Control Pictures (ESC → `␛`, BEL → `␇`, BS → `␈`, CR → `␍`, LF → `␊`),
  except TAB, which becomes one space. DEL becomes `␡`.
- C1 controls (U+0080–U+009F, among them the 8-bit CSI U+009B and OSC U+009D) become `\x9b`-style text.
- Bidi overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C) and the line and paragraph separators (U+2028, U+2029) become `\u202e`-style text.
- Invisible characters that can hide or split text become `\u200b`-style text too: soft hyphen
  U+00AD, U+034F, U+180E, zero-width space and joiners U+200B–U+200D, U+2060–U+2064, U+206A–U+206F,
  U+FEFF, U+FFF9–U+FFFB, and the tag characters U+E0000–U+E007F (`\u{e0041}`), which can carry a
  whole hidden ASCII text. One exception: a zero-width joiner between two pictographs (👨‍👩‍👧) stays,
  because it is how family, profession and flag emoji are built, and marking it would break every
  one of them; between anything else it is marked.

Every escape sequence (CSI, OSC, DCS, APC, PM, SOS) therefore shows as visible text: its ESC becomes
`␛`, the rest is already printable, and its terminator (BEL, `ESC \`) is escaped the same way.
CR and BS become pictures too, so no text can move the cursor back over what was printed before it.

With `keepSgr`, well-formed SGR sequences (`ESC [ <digits and ;> m`, at most 64 parameter characters)
stay real escape sequences, and a reset is appended when the text leaves a style set.

Text with nothing to escape is returned as it is (one regex test). Text that needs escaping is
rebuilt in one pass, and lone surrogates in it become U+FFFD.
*/

import stringWidth from 'string-width';

export type SanitizeOptions = {
	/** Keep well-formed SGR (colour and style) sequences. Default `false`: they are escaped too. */
	keepSgr?: boolean;
	/**
	Keep LF as a real line break, for views that show a message over several lines; CR LF becomes LF.
	Default `false`: a display line stays one line, and LF becomes `␊`.
	*/
	multiline?: boolean;
	/**
	Cut the result to at most this many UTF-16 code units, the last one `…` (plus a 4-unit SGR reset
	when `keepSgr` kept a style). Never splits a surrogate pair or a kept SGR sequence.
	Only the start of a long text is examined, so the cost is bounded by `maxLength`.
	*/
	maxLength?: number;
};

const escapeCharacter = 0x1b;
const maxSgrParameters = 64;
const sgrReset = '\u001B[0m';

/**
How far past `maxLength` the input is examined. Every input code unit becomes at least one output
unit, so the first `maxLength` units of output come from the first `maxLength` units of input, except
for an SGR sequence that starts before the cut: it is at most `2 + 64 + 1` units long.
*/
const inputSlack = 80;

/*
One test decides whether any work is needed at all; most messages take this path. It matches every
code unit that `escapeControls` looks at (LF and ESC too, even when they may be kept).
*/
const needsEscaping =
	// eslint-disable-next-line no-control-regex, no-misleading-character-class -- finding lone controls and joiners is the point.
	/[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/u;

/** Invisible format controls that can spoof text: bidi marks, embeddings, overrides and isolates. */
const formatControls = [
	0x6_1c, 0x20_0e, 0x20_0f, 0x20_28, 0x20_29, 0x20_2a, 0x20_2b, 0x20_2c,
	0x20_2d, 0x20_2e, 0x20_66, 0x20_67, 0x20_68, 0x20_69,
];

/** Invisible characters that print nothing, so text can hide behind or between them. */
const invisibleCharacters = [
	0xad, 0x3_4f, 0x18_0e, 0x20_0b, 0x20_0c, 0x20_0d, 0x20_60, 0x20_61, 0x20_62,
	0x20_63, 0x20_64, 0x20_6a, 0x20_6b, 0x20_6c, 0x20_6d, 0x20_6e, 0x20_6f,
];

/** Above the replacement table, but marked all the same (see `escapeHigh`). */
const byteOrderMark = 0xfe_ff;
const zeroWidthJoiner = 0x20_0d;
/** The high surrogate of every tag character U+E0000–U+E007F; their low halves are DC00–DC7F. */
const tagHighSurrogate = 0xdb_40;
const pictograph = /\p{Extended_Pictographic}/u;

/**
What each code unit below `replacements.length` becomes; `''` for the ones that stay. Everything at
or above it stays too. One array lookup per code unit keeps the loop fast.
*/
const replacements: readonly string[] = (() => {
	const table = Array.from({length: 0x20_70}, (_, code) => {
		if (code === 0x09) {
			return ' ';
		}

		if (code < 0x20) {
			return String.fromCodePoint(0x24_00 + code);
		}

		if (code === 0x7f) {
			return '\u2421';
		}

		return code > 0x7f && code < 0xa0 ? String.raw`\x${code.toString(16)}` : '';
	});
	for (const code of [...formatControls, ...invisibleCharacters]) {
		table[code] = String.raw`\u${code.toString(16).padStart(4, '0')}`;
	}

	return table;
})();

/**
The replacement for a code unit above the table, or `''` when it stays: U+FEFF, U+FFF9–U+FFFB, and
the tag characters (two code units; `index` is at the high one).
*/
function escapeHigh(text: string, index: number, code: number): string {
	if (code === byteOrderMark || (code >= 0xff_f9 && code <= 0xff_fb)) {
		return String.raw`\u${code.toString(16)}`;
	}

	if (code === tagHighSurrogate) {
		const point = text.codePointAt(index)!;
		if (point >= 0xe_00_00 && point <= 0xe_00_7f) {
			return String.raw`\u{${point.toString(16)}}`;
		}
	}

	return '';
}

/**
Whether the zero-width joiner at `index` joins two pictographs (an emoji sequence such as 👨‍👩‍👧),
looking back over a variation selector or skin tone that may follow the first one.
*/
function joinsEmoji(text: string, index: number): boolean {
	let before = index - 1;
	for (let steps = 0; steps < 2 && before > 0; steps++) {
		const point = codePointEndingAt(text, before) ?? 0;
		if (point === 0xfe_0f || (point >= 0x1_f3_fb && point <= 0x1_f3_ff)) {
			before -= point > 0xff_ff ? 2 : 1;
		} else {
			break;
		}
	}

	const previous = codePointEndingAt(text, before);
	const next = text.codePointAt(index + 1);
	return (
		previous !== undefined &&
		next !== undefined &&
		pictograph.test(String.fromCodePoint(previous)) &&
		pictograph.test(String.fromCodePoint(next))
	);
}

/** The code point whose last code unit is at `index` (a surrogate pair read as one). */
function codePointEndingAt(text: string, index: number): number | undefined {
	if (index < 0) {
		return undefined;
	}

	// eslint-disable-next-line unicorn/prefer-code-point -- looking for a low surrogate.
	const code = text.charCodeAt(index);
	if (code >= 0xdc_00 && code <= 0xdf_ff && index > 0) {
		const pair = text.codePointAt(index - 1)!;
		if (pair > 0xff_ff) {
			return pair;
		}
	}

	return text.codePointAt(index);
}

/**
Where the SGR sequence starting with the ESC at `start` ends (one past its `m`), or -1 when the
ESC does not start a well-formed, short SGR sequence.
*/
function sgrEnd(text: string, start: number): number {
	if (text.codePointAt(start + 1) !== 0x5b) {
		return -1;
	}

	const parameters = start + 2;
	const limit = Math.min(text.length, parameters + maxSgrParameters + 1);
	for (let index = parameters; index < limit; index++) {
		const code = text.codePointAt(index)!;
		if (code === 0x6d) {
			return index + 1;
		}

		if ((code < 0x30 || code > 0x39) && code !== 0x3b) {
			return -1;
		}
	}

	return -1;
}

/** Decodes the scratch buffer; keeps a leading U+FEFF, and turns lone surrogates into U+FFFD. */
const utf16 = new TextDecoder('utf-16le', {ignoreBOM: true});
/** Scratch space for `escapeControls`, reused while it stays small. */
let scratch = new Uint16Array(4096);
const maxKeptScratch = 256 * 1024;
/** The longest replacement, `\u{e007f}`. */
const maxReplacement = 9;

/**
Writes the escaped text as code units into a scratch buffer and decodes it once: much faster than
joining strings when the text is dense with controls (about 5–12 ms per MiB instead of 50–140), and
the result is a new flat string that keeps no reference to `text`. `styled` tells whether the text
leaves a kept style set, which the caller closes with a reset.
*/
function escapeControls(
	text: string,
	keepSgr: boolean,
	multiline: boolean,
): {escaped: string; styled: boolean} {
	const {length} = text;
	let out =
		scratch.length >= length + maxReplacement
			? scratch
			: grow(length + maxReplacement);
	let used = 0;
	let styled = false;
	for (let index = 0; index < length; index++) {
		// Code units, not code points: every character replaced here is in the BMP, and the two halves
		// of a surrogate pair are both above U+D7FF, so they pass unchanged.
		// eslint-disable-next-line unicorn/prefer-code-point -- see above; this is the hot loop.
		const code = text.charCodeAt(index);
		const replacement =
			code < replacements.length
				? replacements[code]!
				: escapeHigh(text, index, code);
		if (
			replacement === '' ||
			(multiline && code === 0x0a) ||
			(code === zeroWidthJoiner && joinsEmoji(text, index))
		) {
			out[used++] = code;
			continue;
		}

		if (code === tagHighSurrogate) {
			index++; // The low half of the tag character is part of the replacement.
		}

		if (multiline && code === 0x0d && text.startsWith('\n', index + 1)) {
			continue;
		}

		if (code === escapeCharacter && keepSgr) {
			const end = sgrEnd(text, index);
			if (end !== -1) {
				const sequence = text.slice(index, end);
				styled = sequence !== '\u001B[m' && sequence !== sgrReset;
				used = write(out, used, sequence);
				index = end - 1;
				continue;
			}
		}

		// Every code unit left to copy takes one slot, so growing here is enough for the rest.
		if (used + maxReplacement + (length - index) > out.length) {
			out = grow(used + maxReplacement + (length - index), out, used);
		}

		used = write(out, used, replacement);
	}

	return {escaped: utf16.decode(out.subarray(0, used)), styled};
}

/** Writes the code units of `text` to `out` from `used` on; returns the new `used`. */
function write(out: Uint16Array, used: number, text: string): number {
	let next = used;
	for (let index = 0; index < text.length; index++) {
		// eslint-disable-next-line unicorn/prefer-code-point -- copying code units as they are.
		out[next++] = text.charCodeAt(index);
	}

	return next;
}

/** A buffer of at least `needed` units holding the first `used` units of `current`. */
function grow(needed: number, current?: Uint16Array, used = 0): Uint16Array {
	const next = new Uint16Array(Math.max(needed, (current?.length ?? 0) * 2));
	if (current) {
		next.set(current.subarray(0, used));
	}

	if (next.length <= maxKeptScratch) {
		scratch = next;
	}

	return next;
}

/** Cuts already sanitised text to `maxLength` units ending in `…`, at a safe place. */
function cut(text: string, maxLength: number): string {
	if (maxLength <= 0) {
		return '';
	}

	let end = Math.min(maxLength - 1, text.length);
	// eslint-disable-next-line unicorn/prefer-code-point -- looking for a lone high surrogate.
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd8_00 && last <= 0xdb_ff) {
		end--;
	}

	// The only ESC left in sanitised text starts a kept SGR sequence; never keep half of one.
	const lastEscape = text.lastIndexOf('\u001B', end - 1);
	if (lastEscape !== -1) {
		const close = text.indexOf('m', lastEscape);
		if (close === -1 || close >= end) {
			end = lastEscape;
		}
	}

	const kept = text.slice(0, end);
	// `join` copies, so the result keeps no reference to the long text it was cut from.
	return [kept, '…', kept.includes('\u001B') ? sgrReset : ''].join('');
}

/**
Makes untrusted `text` inert for a terminal: control characters, escape sequences and invisible
format controls become visible text (see the module comment). Returns `text` itself when nothing
needs escaping.
*/
export function sanitize(text: string, options: SanitizeOptions = {}): string {
	const {keepSgr = false, multiline = false, maxLength} = options;
	let source = text;
	let sliced = false;
	if (maxLength !== undefined && text.length > maxLength + inputSlack) {
		source = text.slice(0, maxLength + inputSlack);
		sliced = true;
	}

	const {escaped, styled} = needsEscaping.test(source)
		? escapeControls(source, keepSgr, multiline)
		: {escaped: source, styled: false};
	// The reset that closes a kept style is not counted against `maxLength`: text that fits stays whole.
	if (maxLength === undefined || (!sliced && escaped.length <= maxLength)) {
		return styled ? escaped + sgrReset : escaped;
	}

	// Dropping CR before LF (multiline) is the only way for the output to be shorter than the input.
	return cut(escaped, Math.min(maxLength, escaped.length));
}

/**
Makes an id or name (from the registry or a message) safe and short for a one-line label:
`sanitize` without SGR, cut to `maxLength` units ending in `…`.
*/
export function sanitizeLabel(text: string, maxLength: number): string {
	return sanitize(text, {maxLength});
}

/**
Typographic marks this program itself writes (separators, arrows, status glyphs, cut markers), in the
ASCII a terminal without UTF-8 can show.
*/
const asciiForms: ReadonlyMap<string, string> = new Map([
	['·', '|'],
	['…', '...'],
	['—', '-'],
	['–', '-'],
	['─', '-'],
	['●', '*'],
	['○', 'o'],
	['◌', 'o'],
	['✕', 'x'],
	['✗', 'x'],
	['✓', 'v'],
	['›', '>'],
	['▸', '>'],
	['←', '<-'],
	['→', '->'],
	['↑', '^'],
	['↓', 'v'],
	['⚠', '!'],
	['‘', "'"],
	['’', "'"],
	['“', '"'],
	['”', '"'],
	['×', 'x'],
]);

/** U+2400–U+241F, the pictures `sanitize` gives C0 controls, and U+2421 (DEL). */
const firstControlPicture = 0x24_00;

/**
`text` (already sanitised) in plain ASCII, for a terminal whose locale is not UTF-8: the control
pictures become caret notation (`␛` → `^[`, `␡` → `^?`), this program's own marks become their ASCII
forms (`…` → `...`, `→` → `->`), and any other character outside ASCII becomes one `?` per cell it
would take, as `ls` shows names in the C locale. Kept SGR sequences are ASCII already.
*/
export function asciiText(text: string): string {
	// Printable ASCII, ESC (kept SGR) and LF (multiline) pass as they are; most text takes this path.
	// eslint-disable-next-line no-control-regex -- ESC and LF are allowed on purpose.
	if (/^[\u0020-\u007E\u001B\n]*$/u.test(text)) {
		return text;
	}

	let result = '';
	for (const character of text) {
		const code = character.codePointAt(0)!;
		if (code < 0x7f) {
			result += character;
		} else if (
			code >= firstControlPicture &&
			code < firstControlPicture + 0x20
		) {
			result += `^${String.fromCodePoint(code - firstControlPicture + 0x40)}`;
		} else if (code === 0x24_21) {
			result += '^?';
		} else {
			result += asciiForms.get(character) ?? '?'.repeat(stringWidth(character));
		}
	}

	return result;
}
