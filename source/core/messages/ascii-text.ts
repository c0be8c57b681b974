import stringWidth from 'string-width';

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
