import {type MessageRecord} from '../core/messages/record.js';
import {type MessageFilter} from '../core/query/filter.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {type MatchBudget, unlimited} from './match-budget.js';
import {type MessageShow} from './record-show.js';
import {
	type Answers,
	answersFor,
	drawnText,
	filterSubject,
} from './record-match.js';
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
	colour = false,
	hostOf?: (serverId: string) => string | undefined,
): readonly MessageRecord[] {
	return scanMessages(
		messages,
		{filter, colour, ...(hostOf ? {hostOf} : {})},
		{budget: unlimited},
	).matching;
}

/** The seqs of the messages whose line has a match for `pattern`, each record tested once per pattern. */
export function findMatches(
	messages: readonly MessageRecord[],
	pattern: TextPattern | undefined,
	colour = false,
): readonly number[] {
	return scanMessages(messages, {find: pattern, colour}, {budget: unlimited})
		.matchSeqs;
}

export type ScanQuery = {
	filter?: MessageFilter;
	find?: TextPattern;
	/** Lines are drawn with servers' colours: the text tested is what shows (see `drawnText`). */
	colour: boolean;
	/** `/show`: the lines it projects are tested as they show, projected. */
	show?: MessageShow;
	/** The machine each server runs on, for `host=` terms (a team registry's `hostId`). */
	hostOf?: (serverId: string) => string | undefined;
};

export type ScanSlice = {
	/** What this frame may test. */
	budget: MatchBudget;
	/** The pane's bottom line when paused; undefined when following. */
	fromSeq?: number;
	/** The pane's rows: when the count cannot catch up, only these lines are tested. */
	rows?: number;
};

export type MatchScan = {
	/** The messages known to pass the filter, oldest first (all of them without one). */
	matching: readonly MessageRecord[];
	/** The seqs among them known to match the search. */
	matchSeqs: readonly number[];
	/** Kept messages known to be hidden by the filter. */
	hidden: number;
	/**
	Messages the filter or the search has not answered yet because the budget ran out: while it is
	above 0 the counts are lower bounds, and another frame goes on.
	*/
	pending: number;
};

/**
The filter and the search over the scrollback, testing only as many new records as the budget allows.
Answers are kept, so each frame spends its budget on records no frame has tested. The records
around the pane's bottom line (`fromSeq`, or the newest) are tested first, going back in time, so
the lines on screen are right first; then the newest others, and the count follows.

When more messages arrived since the last frame than a frame could test (a flood turns the whole
scrollback over between two frames), counting is hopeless: what a frame counts is evicted before the
count is done. Then only the pane's `rows` lines are tested, which drawing them needs anyway, and
counting resumes once the stream slows to what a frame can follow.
*/
export function scanMessages(
	messages: readonly MessageRecord[],
	{filter, find, colour, show, hostOf}: ScanQuery,
	{budget, fromSeq, rows}: ScanSlice,
): MatchScan {
	if (filter === undefined && find === undefined) {
		return {matching: messages, matchSeqs: [], hidden: 0, pending: 0};
	}

	const pace = paceFor(filter ?? find!, colour);
	const newest = messages.at(-1)?.seq ?? pace.newestSeq;
	const arrived = newest - pace.newestSeq;
	pace.newestSeq = newest;
	const behind = rows !== undefined && arrived > pace.capacity;
	let tested = 0;
	const filterAnswers = filter && answersFor(filter, colour, show);
	const findAnswers = find && answersFor(find, colour, show);
	let spent = false;
	const ask = (
		answers: Answers,
		record: MessageRecord,
		test: (record: MessageRecord) => boolean,
	): boolean | undefined => {
		let answer = answers.get(record);
		if (answer === undefined && !spent) {
			if (budget.take()) {
				tested++;
				answer = test(record);
				answers.set(record, answer);
			} else {
				spent = true;
			}
		}

		return answer;
	};

	// Per message: 0 the filter has not answered yet, 1 hidden by it, 2 shown, 3 shown and a match,
	// 4 shown and the search has not answered yet.
	const classify = (record: MessageRecord): number => {
		const shown =
			filterAnswers === undefined ||
			ask(filterAnswers, record, (each) =>
				filter!.test(filterSubject(each, colour, show, hostOf)),
			);
		if (shown !== true) {
			return shown === undefined ? 0 : 1;
		}

		const match =
			findAnswers === undefined
				? false
				: ask(findAnswers, record, (each) =>
						find!.test(drawnText(each, colour, show)),
					);
		return match === undefined ? 4 : match ? 3 : 2;
	};

	const count = messages.length;
	const states = new Uint8Array(count);
	const start =
		fromSeq === undefined ? count - 1 : indexAtOrBefore(messages, fromSeq);
	let shownFound = 0;
	for (let step = 0; step < count; step++) {
		// From `start` back to the oldest, then from the newest back to `start`.
		const index = step <= start ? start - step : count - step + start;
		const state = classify(messages[index]!);
		states[index] = state;
		if (behind && state >= 2 && ++shownFound >= rows) {
			// The lines on screen are known: the rest of the budget would count in vain.
			spent = true;
		}
	}

	if (!behind && spent) {
		// A frame that used its whole slice measured how many tests a frame can do.
		pace.capacity = tested;
	}

	const collected = collect(messages, states);
	return filter === undefined ? {...collected, matching: messages} : collected;
}

/** The scan's answers, oldest first, from each message's state (see `classify`). */
function collect(
	messages: readonly MessageRecord[],
	states: Uint8Array,
): MatchScan {
	const matching: MessageRecord[] = [];
	const matchSeqs: number[] = [];
	let hidden = 0;
	let pending = 0;
	for (const [index, message] of messages.entries()) {
		const state = states[index]!;
		if (state === 0) {
			pending++;
		} else if (state === 1) {
			hidden++;
		} else {
			matching.push(message);
			if (state === 4) {
				pending++;
			} else if (state === 3) {
				matchSeqs.push(message.seq);
			}
		}
	}

	return {matching, matchSeqs, hidden, pending};
}

type Pace = {
	/** The newest seq the last frame saw. */
	newestSeq: number;
	/** How many records a frame tested when its slice ran out (unknown at first: as many as arrive). */
	capacity: number;
};

const paces = new WeakMap<object, {colour?: Pace; plain?: Pace}>();

/** How fast a filter or search keeps up, per way of drawing (see `answersFor`). */
function paceFor(key: object, colour: boolean): Pace {
	let modes = paces.get(key);
	if (!modes) {
		modes = {};
		paces.set(key, modes);
	}

	const mode = colour ? 'colour' : 'plain';
	modes[mode] ??= {
		newestSeq: Number.NEGATIVE_INFINITY,
		capacity: Number.POSITIVE_INFINITY,
	};
	return modes[mode];
}

/** Index of the newest message at or before `seq` (0 when all are newer); seqs only grow. */
function indexAtOrBefore(
	messages: readonly MessageRecord[],
	seq: number,
): number {
	let low = 0;
	let high = messages.length - 1;
	let found = 0;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (messages[middle]!.seq <= seq) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}

	return found;
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
