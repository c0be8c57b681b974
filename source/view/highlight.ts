import {type TextPattern} from '../core/query/text-pattern.js';

export type Segment = {text: string; isMatch: boolean};

/** At most this many matches are marked in one line: a screen row holds fewer. */
const segmentLimit = 200;

/**
`text` cut into runs that match `pattern` and runs that do not, in order, for the pane and the detail
view to show matches inverse. Without a pattern, or with no match, one plain run.
*/
export function highlightSegments(
	text: string,
	pattern: TextPattern | undefined,
): Segment[] {
	const ranges = pattern ? pattern.ranges(text, segmentLimit) : [];
	const segments: Segment[] = [];
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) {
			segments.push({text: text.slice(at, start), isMatch: false});
		}

		segments.push({text: text.slice(start, end), isMatch: true});
		at = end;
	}

	if (at < text.length || segments.length === 0) {
		segments.push({text: text.slice(at), isMatch: false});
	}

	return segments;
}

/** `1204` as `1 204`: counts in a rule read at a glance. */
export function groupDigits(count: number): string {
	return String(count).replaceAll(/\B(?=(\d{3})+$)/g, ' ');
}
