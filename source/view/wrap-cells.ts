import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
/** A kept SGR sequence (see `sanitize`): it takes no cells and is never split. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point.
const sgr = /\u001B\[[\d;]*m/gu;

/**
Breaks text into rows of at most `width` terminal cells (a CJK character or an emoji takes two), at
line breaks and wherever a row is full; no character is dropped or split. A character wider than
the whole row gets a row of its own. With `words`, a full row breaks after its last space when it has
one (for prose; a message's own text is wrapped exactly where the row ends).
*/
export function wrapCells(
	text: string,
	width: number,
	{words = false}: {words?: boolean} = {},
): string[] {
	const rows: string[] = [];
	const room = Math.max(1, width);
	for (const line of text.split('\n')) {
		let row = '';
		let used = 0;
		/** Where the row may break: just after its last space. */
		let lastBreak = 0;
		for (const piece of pieces(line)) {
			if (piece.startsWith('\u001B')) {
				row += piece;
				continue;
			}

			const cells = stringWidth(piece);
			if (used + cells > room && used > 0) {
				const at = words && lastBreak > 0 ? lastBreak : row.length;
				rows.push(row.slice(0, at));
				row = row.slice(at);
				used = stringWidth(row);
				lastBreak = 0;
			}

			row += piece;
			used += cells;
			if (piece === ' ') {
				lastBreak = row.length;
			}
		}

		rows.push(row);
	}

	return rows;
}

/** The graphemes of `line`, with each SGR sequence as one piece. */
function* pieces(line: string): Generator<string> {
	let last = 0;
	for (const match of line.matchAll(sgr)) {
		yield* segments(line.slice(last, match.index));
		yield match[0];
		last = match.index + match[0].length;
	}

	yield* segments(line.slice(last));
}

function* segments(text: string): Generator<string> {
	for (const {segment} of graphemes.segment(text)) {
		yield segment;
	}
}
