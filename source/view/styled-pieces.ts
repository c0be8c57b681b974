import {type TextPattern} from '../core/query/text-pattern.js';
import {highlightSegments} from './highlight.js';
import {type SpanStyle, sgrSpans} from './sgr-spans.js';

/** A run of one style, and whether it is part of a `/find` match. */
export type StyledPiece = {
	readonly text: string;
	readonly style: SpanStyle;
	readonly isMatch: boolean;
};

const plain: SpanStyle = {};

/**
Sanitised text (SGR kept or not) as runs to draw: its SGR sequences turned into styles (they never
reach the screen as bytes, and take no cells), and the matches of `pattern` found in the text a
person sees, not in the sequences between its letters.
*/
export function styledPieces(
	text: string,
	pattern?: TextPattern,
): StyledPiece[] {
	const spans = text.includes('\u001B')
		? sgrSpans(text)
		: [{text, style: plain}];
	const visible =
		spans.length === 1
			? spans[0]!.text
			: spans.map((span) => span.text).join('');
	const pieces: StyledPiece[] = [];
	let spanIndex = 0;
	let offset = 0;
	for (const segment of highlightSegments(visible, pattern)) {
		let rest = segment.text.length;
		// Each turn takes at least one unit of a span, so the loop ends within the text's length.
		while (rest > 0 && spanIndex < spans.length) {
			const span = spans[spanIndex]!;
			const take = Math.min(rest, span.text.length - offset);
			pieces.push({
				text: span.text.slice(offset, offset + take),
				style: span.style,
				isMatch: segment.isMatch,
			});
			rest -= take;
			offset += take;
			if (offset === span.text.length) {
				spanIndex++;
				offset = 0;
			}
		}
	}

	return pieces;
}
