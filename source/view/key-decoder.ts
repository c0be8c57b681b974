/**
Turns what the terminal sends into keys, one by one. Ink splits its input only at escape sequences,
so one read of fast typing (`abc⌫⌫XY^A>^E<`) reaches us as one string; taken as one key it is
mangled. Here every byte of it becomes its own key, in order.

Bracketed paste (`ESC[200~ … ESC[201~`) becomes one `paste` key, however many reads it spans and
whatever it contains, so pasted line breaks and tabs are text, never Enter or Tab.
*/
import {csiFinalKeys, csiKey} from './key-sequences.js';

export type KeyName =
	| 'enter'
	| 'tab'
	| 'backspace'
	| 'delete'
	| 'escape'
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'home'
	| 'end'
	| 'pageUp'
	| 'pageDown';

export type KeyEvent =
	/** Printable text typed (a run of it, as it came). */
	| {type: 'text'; text: string}
	/** Text pasted between the paste brackets, with its line breaks and tabs. */
	| {type: 'paste'; text: string}
	| {type: 'key'; name: KeyName; shift?: boolean}
	/** Ctrl with a letter, lower case: Ctrl+A is `a`. */
	| {type: 'ctrl'; letter: string};

export type KeyDecoder = {
	/** Decodes one input string (as Ink emits it) into the keys it holds, in order. */
	push(input: string): KeyEvent[];
};

const escape = '\u001B';
const pasteStart = `${escape}[200~`;
const pasteEnd = `${escape}[201~`;
/** A paste whose end never comes must not hold every later key, nor grow without bound. */
export const pasteLimit = 1024 * 1024;

/** CSI (`ESC [ params final`) and SS3 (`ESC O final`) sequences, anchored at the start. */
/* eslint-disable no-control-regex -- escape sequences are what these find */
const csiPattern = /^\u001B\[([\d;:<=>?]*)([\u0020-\u002F]*)([\u0040-\u007E])/;
const ss3Pattern = /^\u001BO([\u0040-\u007E])/;
/* eslint-enable no-control-regex */

export function createKeyDecoder(): KeyDecoder {
	/** Inside a paste: what has come so far (undefined when not in one). */
	let paste: string | undefined;
	/** The last input was a lone Escape: a slow link may have split a paste bracket after it. */
	let afterLoneEscape = false;

	const push = (input: string): KeyEvent[] => {
		const events: KeyEvent[] = [];
		let rest = input;
		if (afterLoneEscape && paste === undefined) {
			// Ink flushes an Escape it waited for on its own; `[200~`/`[201~` right after it is a bracket.
			if (rest.startsWith('[200~')) {
				paste = '';
				rest = rest.slice(5);
			} else if (rest.startsWith('[201~')) {
				rest = rest.slice(5);
			}
		}

		afterLoneEscape = input === escape;
		// Bounded by the input's length: every turn consumes at least one character.
		while (rest !== '') {
			if (paste !== undefined) {
				// Search only what is new (plus a bracket's length back): a long paste stays linear.
				const end = (paste + rest).indexOf(
					pasteEnd,
					Math.max(0, paste.length - pasteEnd.length),
				);
				if (end === -1) {
					paste += rest;
					rest = '';
					if (paste.length > pasteLimit) {
						events.push({type: 'paste', text: paste});
						paste = undefined;
					}

					break;
				}

				const whole = paste + rest;
				events.push({type: 'paste', text: whole.slice(0, end)});
				rest = whole.slice(end + pasteEnd.length);
				paste = undefined;
				continue;
			}

			if (rest.startsWith(escape)) {
				const consumed = decodeEscape(rest, events);
				if (consumed === 'paste') {
					paste = '';
					rest = rest.slice(pasteStart.length);
				} else {
					rest = rest.slice(consumed);
				}

				continue;
			}

			rest = rest.slice(decodePlain(rest, events));
		}

		return events;
	};

	return {push};
}

/** Text up to the next control character as one event, or one control character. */
function decodePlain(input: string, events: KeyEvent[]): number {
	// eslint-disable-next-line no-control-regex -- control characters are the keys being found
	const text = /^[^\u0000-\u001F\u007F]+/.exec(input)?.[0];
	if (text !== undefined) {
		const last = events.at(-1);
		if (last?.type === 'text') {
			last.text += text;
		} else {
			events.push({type: 'text', text});
		}

		return text.length;
	}

	const code = input.codePointAt(0)!;
	const key = controlKey(code);
	if (key) {
		events.push(key);
	}

	return 1;
}

function controlKey(code: number): KeyEvent | undefined {
	switch (code) {
		case 0x0d:
		case 0x0a: {
			return {type: 'key', name: 'enter'};
		}

		case 0x09: {
			return {type: 'key', name: 'tab'};
		}

		case 0x7f:
		case 0x08: {
			return {type: 'key', name: 'backspace'};
		}

		default: {
			// Ctrl+A … Ctrl+Z are 0x01 … 0x1A; the rest (NUL, Ctrl+\ …) mean nothing here.
			return code >= 0x01 && code <= 0x1a
				? {type: 'ctrl', letter: String.fromCodePoint(0x60 + code)}
				: undefined;
		}
	}
}

/** One escape sequence: how many characters it took, or 'paste' for the paste's opening bracket. */
function decodeEscape(input: string, events: KeyEvent[]): number | 'paste' {
	if (input.startsWith(pasteStart)) {
		return 'paste';
	}

	const csi = csiPattern.exec(input);
	if (csi) {
		const [sequence, parameters = '', , final = ''] = csi;
		const key = csiKey(parameters, final);
		if (key) {
			events.push(key);
		}

		return sequence.length;
	}

	const ss3 = ss3Pattern.exec(input);
	if (ss3) {
		const name = csiFinalKeys[ss3[1]!];
		if (name) {
			events.push({type: 'key', name});
		}

		return ss3[0].length;
	}

	const next = input.codePointAt(1);
	if (next === undefined || next === 0x1b) {
		// Escape on its own, or Escape pressed twice (the second starts the next turn).
		events.push({type: 'key', name: 'escape'});
		return 1;
	}

	// Alt with a key (ESC x): nothing is bound to Alt, and the key is not typed either.
	return next > 0xff_ff ? 3 : 2;
}
