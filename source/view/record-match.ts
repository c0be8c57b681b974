import {recordJson} from '../core/messages/record-json.js';
import {type MessageRecord} from '../core/messages/record.js';
import {type FilterSubject} from '../core/query/filter.js';
import {screenText} from './glyphs.js';
import {type MessageShow, shownLine} from './record-show.js';
import {sgrSequence} from './sgr-spans.js';

/*
Each record is tested once per filter or pattern, and per way of drawing (with servers' colours or
without, with a `/show` projection or without: the text differs): the answer is kept in a WeakMap
keyed by the record, in WeakMaps keyed by the way of drawing and by the filter or pattern object, so
a new `/find` starts afresh and evicted records are collected.
*/
export type Answers = WeakMap<MessageRecord, boolean>;

const answers = new WeakMap<object, WeakMap<object, Answers>>();

/** One object per way of drawing, to key the answers by. */
type Ways = {colour: object; plain: object};
const unprojected: Ways = {colour: {}, plain: {}};
const projected = new WeakMap<MessageShow, Ways>();

function wayOfDrawing(colour: boolean, show: MessageShow | undefined): object {
	let ways = unprojected;
	if (show) {
		ways = projected.get(show) ?? {colour: {}, plain: {}};
		projected.set(show, ways);
	}

	return colour ? ways.colour : ways.plain;
}

/** The answers kept for `key` (a filter or a pattern) for lines drawn this way. */
export function answersFor(
	key: object,
	colour = false,
	show?: MessageShow,
): Answers {
	let byWay = answers.get(key);
	if (!byWay) {
		byWay = new WeakMap();
		answers.set(key, byWay);
	}

	const way = wayOfDrawing(colour, show);
	let known = byWay.get(way);
	if (!known) {
		known = new WeakMap();
		byWay.set(way, known);
	}

	return known;
}

/** A record as the filter language sees it: the line as drawn, and its JSON when it is JSON. */
export function filterSubject(
	record: MessageRecord,
	colour = false,
	show?: MessageShow,
	hostOf?: (serverId: string) => string | undefined,
): FilterSubject {
	// Parsed once however many field terms ask (`type=x payload.n>3`).
	let parsed: {value: unknown} | undefined;
	const host = hostOf?.(record.serverId);
	return {
		serverId: record.serverId,
		...(host === undefined ? {} : {host}),
		direction: record.direction,
		// A getter: records are decoded only when shown, and a filter of servers and directions alone
		// keeps it so under a flood (decoding every record halves the ingest rate).
		get text() {
			return drawnText(record, colour, show);
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
no cells, so `/find` counts (and highlights) the letters between them, not `[31m`; with `/show`, the
projection the line shows instead of the message.
*/
export function drawnText(
	record: MessageRecord,
	colour: boolean,
	show?: MessageShow,
): string {
	const line = show && shownLine(show, record);
	if (line !== undefined) {
		return screenText(line);
	}

	if (!colour || !record.styled) {
		return lineText(record);
	}

	const text = screenText(record.styled().preview);
	return text.includes('\u001B') ? text.replaceAll(sgrSequence, '') : text;
}
