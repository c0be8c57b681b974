import {sanitize} from '../core/messages/sanitize.js';
import {wrapCells} from './wrap-cells.js';

/** The answer to the last command, shown by the prompt where no filter can hide it. */
export type Feedback = {
	text: string;
	/** `error`: it did not happen; `warning`: it happened, with a catch; `info`: done. */
	tone: 'info' | 'warning' | 'error';
};

/** The most rows the answer takes; a longer one is cut there (the pane keeps it whole as a note). */
export const maxFeedbackRows = 3;

/**
How long an answer stays: long enough to read three lines, short enough that an old answer is not
taken for the answer to something done later. It is kept while the user types, so the ids an error
lists can be read while typing the fix, and the next Enter replaces it.
*/
export const feedbackMs = 15_000;

/** The answer as rows of the screen's width (after a one-cell indent), at most `maxFeedbackRows`. */
export function feedbackRows(
	feedback: Feedback | undefined,
	width: number,
	ellipsis: string,
): string[] {
	if (feedback === undefined || feedback.text === '') {
		return [];
	}

	const room = Math.max(1, width - 2);
	// Answers quote registry ids, typed text and error messages: made inert here, in the one place
	// they become screen rows, so no command's wording can let a raw escape through.
	const text = sanitize(feedback.text, {maxLength: maxFeedbackRows * room * 2});
	const rows = wrapCells(text, room, {words: true});
	if (rows.length <= maxFeedbackRows) {
		return rows;
	}

	const kept = rows.slice(0, maxFeedbackRows);
	const last = wrapCells(kept.at(-1)!, room - ellipsis.length)[0] ?? '';
	kept[maxFeedbackRows - 1] = `${last}${ellipsis}`;
	return kept;
}
