/**
Ink's own splitter of terminal input (what its App emits as 'input' events), loaded by file path
because Ink's package exports do not include it. Tests feed bytes through it exactly as the monitor
receives them.
*/
import {createInputParser} from '../../node_modules/ink/build/input-parser.js';

/**
The input events Ink emits for these reads arriving back to back: a lone Escape left pending at the
end is flushed, as Ink does once no more input follows.
*/
export function inkInputEvents(reads: readonly string[]): string[] {
	const parser = createInputParser();
	const events = reads.flatMap((read) => parser.push(read));
	const pending = parser.flushPendingEscape();
	return pending === undefined ? events : [...events, pending];
}
