import {type MessageRecord} from './record.js';

/** Message kinds whose text is JSON. */
const jsonKinds = new Set(['json', 'channel', 'typed']);

/**
A message's JSON value, or undefined when it is not JSON. Parsed from the kept text: a message cut
by the kept-bytes bound is no longer JSON, and counts as not JSON.
*/
export function recordJson(record: MessageRecord): unknown {
	if (record.direction === 'system') {
		return undefined;
	}

	const decoded = record.decoded();
	if (!jsonKinds.has(decoded.kind)) {
		return undefined;
	}

	try {
		return JSON.parse(decoded.full) as unknown;
	} catch {
		return undefined;
	}
}
