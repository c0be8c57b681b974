/** What each character of untrusted text becomes: the tables and lookups `escapeControls` uses. */

/*
One test decides whether any work is needed at all; most messages take this path. It matches every
code unit that `escapeControls` looks at (LF and ESC too, even when they may be kept).
*/
export const needsEscaping =
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
export const zeroWidthJoiner = 0x20_0d;
/** The high surrogate of every tag character U+E0000–U+E007F; their low halves are DC00–DC7F. */
export const tagHighSurrogate = 0xdb_40;
const pictograph = /\p{Extended_Pictographic}/u;

/**
What each code unit below `replacements.length` becomes; `''` for the ones that stay. Everything at
or above it stays too. One array lookup per code unit keeps the loop fast.
*/
export const replacements: readonly string[] = (() => {
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
export function escapeHigh(text: string, index: number, code: number): string {
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
export function joinsEmoji(text: string, index: number): boolean {
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
	// Read from the unit before, a point above U+FFFF is a whole pair ending at `index`; anything else
	// (a lone half, a BMP character, before the start) is not, so the point is the one at `index`.
	// Checking first that `index` holds a low half would only repeat this test.
	const pair = text.codePointAt(index - 1) ?? 0;
	return pair > 0xff_ff ? pair : text.codePointAt(index);
}
