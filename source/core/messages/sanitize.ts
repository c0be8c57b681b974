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

import {needsEscaping} from './character-replacements.js';
import {escapeControls, sgrReset} from './escape-controls.js';

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

/**
How far past `maxLength` the input is examined. Every input code unit becomes at least one output
unit, so the first `maxLength` units of output come from the first `maxLength` units of input, except
for an SGR sequence that starts before the cut: it is at most `2 + 64 + 1` units long.
*/
const inputSlack = 80;

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
