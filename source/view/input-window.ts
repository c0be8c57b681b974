import stringWidth from 'string-width';
import {glyphs} from './glyphs.js';

/** How a pasted line break and tab show in the line (they are sent as they are). */
export const lineMarks = glyphs.pasted;

export type InputWindow = {
	/** The text shown before the cursor. */
	before: string;
	/** The character under the cursor ('' at the end of the line). */
	atCursor: string;
	/** The text shown after the cursor. */
	after: string;
};

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
The part of the line that fits in `room` cells with the cursor in view, measured in terminal cells
(a CJK character takes two), one whole character at a time. When the line is wider than the room,
it scrolls so that the cursor sits at the right edge, as in a shell.
*/
export function inputWindow(
	value: string,
	cursor: number,
	room: number,
): InputWindow {
	// Only the text around the cursor can be shown: measure that, not a whole pasted page. A cell
	// takes at least one UTF-16 unit, and rarely more than a few; the margin covers long emoji.
	const margin = room * 8 + 64;
	const from = Math.max(0, cursor - margin);
	const near = value.slice(from, cursor + margin);
	const cells: Array<{text: string; width: number}> = [];
	let cursorCell = -1;
	for (const {segment, index} of graphemes.segment(near)) {
		if (cursorCell === -1 && from + index >= cursor) {
			cursorCell = cells.length;
		}

		const text =
			segment === '\n'
				? lineMarks.lineBreak
				: segment === '\t'
					? lineMarks.tab
					: segment;
		cells.push({text, width: stringWidth(text)});
	}

	if (cursorCell === -1) {
		cursorCell = cells.length;
	}

	// The cursor takes a cell even at the end of the line, where it shows as a blank.
	let used = cells[cursorCell]?.width ?? 1;
	let start = cursorCell;
	while (start > 0 && used + cells[start - 1]!.width <= room) {
		start--;
		used += cells[start]!.width;
	}

	let end = cursorCell + 1;
	while (end < cells.length && used + cells[end]!.width <= room) {
		used += cells[end]!.width;
		end++;
	}

	const join = (from: number, to: number) =>
		cells
			.slice(from, to)
			.map((cell) => cell.text)
			.join('');
	return {
		before: join(start, cursorCell),
		atCursor: cells[cursorCell]?.text ?? '',
		after: join(cursorCell + 1, end),
	};
}
