import {recordJson} from '../core/messages/record-json.js';
import {type MessageRecord} from '../core/messages/record.js';
import {type FilterSubject} from '../core/query/filter.js';
import {screenText} from './glyphs.js';
import {sgrSequence} from './sgr-spans.js';

/*
Each record is tested once per filter or pattern, and per way of drawing (with servers' colours or
without, the text differs): the answer is kept in a WeakMap keyed by the record, in a WeakMap keyed
by the filter or pattern object, so a new `/find` starts afresh and evicted records are collected.
*/
export type Answers = WeakMap<MessageRecord, boolean>;

const answers = new WeakMap<object, {colour?: Answers; plain?: Answers}>();

/** The answers kept for `key` (a filter or a pattern) when lines are drawn with or without colour. */
export function answersFor(key: object, colour = false): Answers {
	let modes = answers.get(key);
	if (!modes) {
		modes = {};
		answers.set(key, modes);
	}

	const mode = colour ? 'colour' : 'plain';
	let known = modes[mode];
	if (!known) {
		known = new WeakMap();
		modes[mode] = known;
	}

	return known;
}

/** `test(record)`, asked once per `key` and record. */
export function recordMatches(
	key: object,
	record: MessageRecord,
	test: (record: MessageRecord) => boolean,
	colour = false,
): boolean {
	const known = answersFor(key, colour);
	let answer = known.get(record);
	if (answer === undefined) {
		answer = test(record);
		known.set(record, answer);
	}

	return answer;
}

/** A record as the filter language sees it: the line as drawn, and its JSON when it is JSON. */
export function filterSubject(
	record: MessageRecord,
	colour = false,
): FilterSubject {
	// Parsed once however many field terms ask (`type=x payload.n>3`).
	let parsed: {value: unknown} | undefined;
	return {
		serverId: record.serverId,
		direction: record.direction,
		// A getter: records are decoded only when shown, and a filter of servers and directions alone
		// keeps it so under a flood (decoding every record halves the ingest rate).
		get text() {
			return drawnText(record, colour);
		},
		json() {
			parsed ??= {value: recordJson(record)};
			return parsed.value;
		},
	};
}

/** The line's text as the pane shows it without servers' colours: SGR escaped, visible. */
export function lineText(record: MessageRecord): string {
	return screenText(record.decoded().preview);
}

/**
The text a person sees on the line: with colour on, servers' SGR sequences become styles and take
no cells, so `/find` counts (and highlights) the letters between them, not `[31m`.
*/
export function drawnText(record: MessageRecord, colour: boolean): string {
	if (!colour || !record.styled) {
		return lineText(record);
	}

	const text = screenText(record.styled().preview);
	return text.includes('\u001B') ? text.replaceAll(sgrSequence, '') : text;
}
