import {recordJson} from '../core/messages/record-json.js';
import {type MessageRecord} from '../core/messages/record.js';
import {type FilterSubject} from '../core/query/filter.js';
import {screenText} from './glyphs.js';

/*
Filters and searches run over the whole scrollback on every flush. Each record is tested once per
filter or pattern: the answer is kept in a WeakMap keyed by the record, in a WeakMap keyed by the
filter or pattern object, so a new `/find` starts afresh and evicted records are collected.
*/
const answers = new WeakMap<object, WeakMap<MessageRecord, boolean>>();

/** `test(record)`, asked once per `key` and record. */
export function recordMatches(
	key: object,
	record: MessageRecord,
	test: (record: MessageRecord) => boolean,
): boolean {
	let known = answers.get(key);
	if (!known) {
		known = new WeakMap();
		answers.set(key, known);
	}

	let answer = known.get(record);
	if (answer === undefined) {
		answer = test(record);
		known.set(record, answer);
	}

	return answer;
}

/** A record as the filter language sees it: the line as shown, and its JSON when it is JSON. */
export function filterSubject(record: MessageRecord): FilterSubject {
	// Parsed once however many field terms ask (`type=x payload.n>3`).
	let parsed: {value: unknown} | undefined;
	return {
		serverId: record.serverId,
		direction: record.direction,
		// A getter: records are decoded only when shown, and a filter of servers and directions alone
		// keeps it so under a flood (decoding every record halves the ingest rate).
		get text() {
			return lineText(record);
		},
		json() {
			parsed ??= {value: recordJson(record)};
			return parsed.value;
		},
	};
}

/** The line's text as the pane shows it: what `/find` and `/filter` look in. */
export function lineText(record: MessageRecord): string {
	return screenText(record.decoded().preview);
}
