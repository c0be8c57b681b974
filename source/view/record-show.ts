import {formatJson} from '../core/messages/json-format.js';
import {queryView} from '../core/messages/json-shapes.js';
import {recordJson} from '../core/messages/record-json.js';
import {type MessageRecord} from '../core/messages/record.js';
import {sanitize} from '../core/messages/sanitize.js';
import {type JsonQuery} from '../core/query/json-query.js';

/** `/show [@id] <expr>`: the query, and the one server it is for (all when undefined). */
export type MessageShow = {
	readonly query: JsonQuery;
	readonly serverId?: string;
	/** `payload.n` or `@alpha payload.n`, for the pane rule. */
	readonly label: string;
};

/** Longest projection kept for a line, as the pane's previews are (Ink cuts it to the width). */
const shownLength = 512;

/*
Each record is projected once per `/show`: the answer (the line, or null when the query does not
apply) is kept in a WeakMap keyed by the record, in a WeakMap keyed by the show object, as
record-match.ts keeps filter answers; a new `/show` starts afresh and evicted records are collected.
*/
const projections = new WeakMap<
	MessageShow,
	WeakMap<MessageRecord, string | null>
>();

/** The line `/show` draws for `record`: its projection as compact, safe JSON; undefined to show it as usual. */
export function shownLine(
	show: MessageShow,
	record: MessageRecord,
): string | undefined {
	if (show.serverId !== undefined && record.serverId !== show.serverId) {
		return undefined;
	}

	let known = projections.get(show);
	if (!known) {
		known = new WeakMap();
		projections.set(show, known);
	}

	let line = known.get(record);
	if (line === undefined) {
		line = project(show.query, record);
		known.set(record, line);
	}

	return line ?? undefined;
}

function project(query: JsonQuery, record: MessageRecord): string | null {
	// Channel frames read as {topic, event, payload}, as `/filter` reads them.
	const json = recordJson(record);
	const projected =
		json === undefined ? undefined : query.apply(queryView(json));
	if (projected === undefined) {
		return null;
	}

	// `formatJson` stops soon after the limit however large the projection; `sanitize` makes the
	// strings' C1, bidi and invisible characters inert (JSON escapes only C0).
	const {text} = formatJson(projected.value, {
		limit: shownLength,
		indent: '',
	});
	return sanitize(text, {maxLength: shownLength});
}
