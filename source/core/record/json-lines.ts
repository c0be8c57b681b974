import {queryView} from '../messages/json-shapes.js';
import {type MessageRecord} from '../messages/record.js';
import {type JsonQuery} from '../query/json-query.js';
import {recordJson} from '../messages/record-json.js';
import {redactEntry} from '../redact.js';
import {type RegistrySnapshot} from '../registry/read.js';
import {type MonitorSnapshot} from '../store/types.js';

/*
The lines of the `--json` stream, made in one place: the stream on stdout and a recording
(`--record`, `/record`) write the same objects, so a recording is read by the same scripts, and
`replay` reads what `--json` writes (when it carries `data`).
*/

export type JsonLine = Record<string, unknown>;

export type MessageLineOptions = {
	/** `--show <expr>`: each JSON message its query applies to carries the projection as `show`. */
	show?: JsonQuery;
	/**
	Frames carry `data`, the kept bytes in base64 (text and binary alike): `text` is a bounded,
	escaped preview, and a binary frame's text is a hex preview, so only `data` lets `replay` send
	the frame again byte for byte. Recordings set it; the stdout stream does not.
	*/
	data?: boolean;
};

/** The line for a record: a message in or out, or a system event. */
export function messageLine(
	record: MessageRecord,
	options: MessageLineOptions = {},
): JsonLine {
	const base = {
		time: new Date(record.time).toISOString(),
		server: record.serverId,
	};
	if (record.direction === 'system') {
		// The event's fields for scripts (`code`, `reason`, `status`, `pid`…), and its line for people.
		return {
			type: 'system',
			...base,
			...(record.systemEvent ?? {event: record.event}),
			text: record.decoded().preview,
		};
	}

	const frame = record.decoded();
	const payload = options.data ? record.payload?.() : undefined;
	return {
		type: 'message',
		...base,
		direction: record.direction,
		kind: frame.kind,
		bytes: record.bytes,
		text: frame.preview,
		...(frame.topic === undefined ? {} : {topic: frame.topic}),
		...(frame.event === undefined ? {} : {event: frame.event}),
		...(frame.type === undefined ? {} : {messageType: frame.type}),
		...(options.show === undefined ? {} : shown(options.show, record)),
		...(payload === undefined ? {} : {data: payload.toString('base64')}),
	};
}

/** The line for a registry snapshot: its servers, tokens redacted. */
export function registryLine(snapshot: RegistrySnapshot): JsonLine {
	return {
		type: 'registry',
		time: new Date().toISOString(),
		path: snapshot.path,
		file: snapshot.file,
		servers: snapshot.servers.map((entry) => redactEntry(entry)),
	};
}

/**
A tracker of the servers' states: given each new snapshot, the `state` lines of the servers whose
state changed since the last one (all of them the first time).
*/
export function createStateLines(): (snapshot: MonitorSnapshot) => JsonLine[] {
	const lastStates = new Map<string, string>();
	return (snapshot) => {
		const lines: JsonLine[] = [];
		for (const server of snapshot.servers) {
			const key = JSON.stringify([
				server.state.status,
				server.state.attempt,
				server.state.httpStatus,
				server.state.lastClose,
			]);
			if (lastStates.get(server.id) !== key) {
				lastStates.set(server.id, key);
				lines.push({
					type: 'state',
					time: new Date().toISOString(),
					server: server.id,
					...server.state,
				});
			}
		}

		return lines;
	};
}

/** `{show: value}` when the query applies to the message, else nothing. */
function shown(show: JsonQuery, record: MessageRecord): {show?: unknown} {
	// A channel frame is read as {topic, event, payload}, as /filter and /show read it.
	const projected = show.apply(queryView(recordJson(record)));
	return projected === undefined ? {} : {show: projected.value};
}
