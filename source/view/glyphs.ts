import stringWidth from 'string-width';
import {asciiText} from '../core/messages/ascii-text.js';

/**
What the terminal can show: every Unicode character (a UTF-8 locale), or ASCII only. A terminal in
the C locale or a Latin-1 one shows each byte of `─` as its own character (`â??`), by the hundred.
*/
export type Charset = 'unicode' | 'ascii';

/**
The charset the way terminals and C programs decide it: the first non-empty of LC_ALL, LC_CTYPE and
LANG names the locale, and only a name with `UTF-8` (or `utf8`) in it means UTF-8; `C`, `POSIX` and
`en_US.ISO-8859-1` mean ASCII. With none of them set we assume UTF-8: that is a bare environment
(`docker exec`, `env -i`, an SSH session that sends no locale), and the terminal at the other end is
almost always UTF-8 today, whereas `LC_ALL=C` or a Latin-1 name is a choice someone made.
*/
export function detectCharset(
	environment: Readonly<Record<string, string | undefined>>,
): Charset {
	const locale = [
		environment.LC_ALL,
		environment.LC_CTYPE,
		environment.LANG,
	].find((value) => value !== undefined && value !== '');
	if (locale === undefined) {
		return 'unicode';
	}

	return /utf-?8/i.test(locale) ? 'unicode' : 'ascii';
}

/** Every mark the screen draws itself, in both charsets. */
export type Glyphs = {
	/** The line of a section rule. */
	rule: string;
	/** Between parts of one line: `all · following`. */
	separator: string;
	/** Where text was cut. */
	ellipsis: string;
	/** A value that is not known (no uptime, no round trip). */
	none: string;
	/** The selected table row. */
	selected: string;
	/** After the prompt's target. */
	prompt: string;
	direction: {in: string; out: string; system: string};
	status: {up: string; pending: string; down: string; closed: string};
	warning: string;
	/** A line break and a tab pasted into the input line (they are sent as they are). */
	pasted: {lineBreak: string; tab: string};
	arrows: {
		up: string;
		down: string;
		left: string;
		right: string;
		upDown: string;
		leftRight: string;
	};
};

export const unicodeGlyphs: Glyphs = {
	rule: '─',
	separator: ' · ',
	ellipsis: '…',
	none: '—',
	selected: '▸',
	prompt: '›',
	direction: {in: '←', out: '→', system: '!'},
	status: {up: '●', pending: '◌', down: '✕', closed: '○'},
	warning: '⚠',
	pasted: {lineBreak: '⏎', tab: '⇥'},
	arrows: {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		upDown: '↑↓',
		leftRight: '←→',
	},
};

/** The same marks in ASCII, each as wide as its Unicode form where the layout counts on it. */
export const asciiGlyphs: Glyphs = {
	rule: '-',
	separator: ' | ',
	ellipsis: '...',
	none: '-',
	selected: '>',
	prompt: '>',
	direction: {in: '<', out: '>', system: '!'},
	status: {up: '*', pending: 'o', down: 'x', closed: 'o'},
	warning: '!',
	pasted: {lineBreak: String.raw`\n`, tab: String.raw`\t`},
	arrows: {
		up: 'Up',
		down: 'Down',
		left: 'Left',
		right: 'Right',
		upDown: 'Up/Down',
		leftRight: 'Left/Right',
	},
};

/** Chosen once, at start-up, from the environment the program was started in. */
export const screenCharset: Charset = detectCharset(process.env);

export const glyphs: Glyphs =
	screenCharset === 'ascii' ? asciiGlyphs : unicodeGlyphs;

/**
Text on its way to the screen, in the terminal's charset: as it is in a UTF-8 terminal; in ASCII
otherwise (`asciiText`: control pictures in caret notation, our marks as ASCII, other characters as
`?`). Call it before measuring or cutting the text, since the ASCII form can be wider.
*/
export function screenText(text: string): string {
	return screenCharset === 'ascii' ? asciiText(text) : text;
}

/** One-cell stand-ins for the marks that can still reach a finished line (Ink's own `…` first). */
const oneCellForms: ReadonlyMap<string, string> = new Map([
	['…', '~'],
	['─', '-'],
	['·', '|'],
	['—', '-'],
	['›', '>'],
	['▸', '>'],
	['←', '<'],
	['→', '>'],
	['●', '*'],
	['◌', 'o'],
	['○', 'o'],
	['✕', 'x'],
	['⚠', '!'],
	['↑', '^'],
	['↓', 'v'],
]);

/**
The last word on a finished line of the screen in an ASCII terminal: every character outside ASCII
becomes ASCII of the same width, so nothing moves. Most text was made ASCII before layout
(`screenText`); this catches what only exists after it, such as the `…` Ink puts where it cuts a line.
*/
const graphemeSegmenter = new Intl.Segmenter();

export function asciiCells(line: string): string {
	// eslint-disable-next-line no-control-regex -- ESC starts the colour sequences Ink adds.
	if (/^[\u0000-\u007E]*$/u.test(line)) {
		return line;
	}

	// By grapheme, as Ink measures: a Hangul syllable written as its jamo is one two-cell character,
	// not a two-cell and a one-cell one.
	let result = '';
	for (const {segment} of graphemeSegmenter.segment(line)) {
		const base = segment.replaceAll(/\p{M}/gu, '');
		// eslint-disable-next-line no-control-regex -- ESC starts the colour sequences Ink adds.
		if (/^[\u0000-\u007E]*$/u.test(base)) {
			result += base;
		} else {
			result +=
				oneCellForms.get(base) ?? '?'.repeat(Math.max(1, stringWidth(segment)));
		}
	}

	return result;
}
