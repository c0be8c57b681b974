import {type MessageRecord} from '../core/messages/record.js';
import {type MessageFilter} from '../core/query/filter.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {filterSubject, lineText, recordMatches} from './record-match.js';
import {anchorIndex} from './ui-state.js';

export type MessageWindow = {
	/** Every message that passes the filter, oldest first. */
	matching: readonly MessageRecord[];
	/** The ones on screen. */
	lines: readonly MessageRecord[];
	/** Where `lines` start in `matching`. */
	start: number;
	following: boolean;
	/** Matching messages below the window. */
	newCount: number;
};

/** The messages that pass `filter` (all of them without one), each record tested once per filter. */
export function filterMessages(
	messages: readonly MessageRecord[],
	filter: MessageFilter | undefined,
): readonly MessageRecord[] {
	if (filter === undefined) {
		return messages;
	}

	return messages.filter((message) =>
		recordMatches(filter, message, (record) =>
			filter.test(filterSubject(record)),
		),
	);
}

/** The seqs of the messages whose line has a match for `pattern`, each record tested once per pattern. */
export function findMatches(
	messages: readonly MessageRecord[],
	pattern: TextPattern | undefined,
): readonly number[] {
	if (pattern === undefined) {
		return [];
	}

	return messages
		.filter((message) =>
			recordMatches(pattern, message, (record) =>
				pattern.test(lineText(record)),
			),
		)
		.map((message) => message.seq);
}

/** The `height` lines ending at the anchor (or at the newest line when following). */
export function messageWindow(
	matching: readonly MessageRecord[],
	anchorSeq: number | undefined,
	height: number,
): MessageWindow {
	if (anchorSeq === undefined || matching.length === 0) {
		return {
			matching,
			lines: matching.slice(-height),
			start: Math.max(0, matching.length - height),
			following: true,
			newCount: 0,
		};
	}

	const seqs = matching.map((message) => message.seq);
	const bottom = anchorIndex(seqs, anchorSeq);
	const start = Math.max(0, bottom + 1 - height);
	return {
		matching,
		lines: matching.slice(
			start,
			Math.max(bottom + 1, Math.min(matching.length, start + height)),
		),
		start,
		following: false,
		newCount: matching.length - 1 - bottom,
	};
}
