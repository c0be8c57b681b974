import {type RawData} from 'ws';
import {formatBytes} from '../format.js';
import {rawDataToBuffer} from '../raw-data.js';
import {decodeFrame, type DecodedFrame} from './decode.js';
import {sanitize} from './sanitize.js';

export const messageDirection = {
	in: 'in',
	out: 'out',
	system: 'system',
} as const;

export type MessageDirection =
	(typeof messageDirection)[keyof typeof messageDirection];

/**
One line of the message pane. Frames are kept as a bounded copy of their bytes and decoded only
when shown (a screen shows ~30 of thousands), so ingest stays cheap under a flood.
*/
export type MessageRecord = {
	/** Position in everything ever recorded; stable across ring-buffer evictions. */
	readonly seq: number;
	readonly time: number;
	readonly serverId: string;
	readonly direction: MessageDirection;
	/** Size of the whole payload in bytes (0 for system lines). */
	readonly bytes: number;
	/** System lines only: what kind of event (connected, closed, warning…). */
	readonly event?: string;
	/** The decoded frame, or a system line's text wrapped the same way. Computed on first use. */
	decoded(): DecodedFrame;
};

/** Payload bytes kept per message for its preview and detail view. */
export const keptBytesPerMessage = 16 * 1024;

/** Where a record sits and whose it is. */
export type RecordHeader = {seq: number; time: number; serverId: string};

export function frameRecord(
	header: RecordHeader & {direction: 'in' | 'out'},
	data: RawData | string,
	isBinary: boolean,
): MessageRecord {
	const buffer =
		typeof data === 'string' ? Buffer.from(data) : rawDataToBuffer(data);
	const bytes = buffer.length;
	// A copy, so a retained message never pins the socket's whole receive chunk.
	const kept = Buffer.from(buffer.subarray(0, keptBytesPerMessage));
	let decoded: DecodedFrame | undefined;
	return {
		...header,
		bytes,
		decoded() {
			decoded ??= withCutNote(
				decodeFrame(kept, isBinary, {fullLength: keptBytesPerMessage}),
				bytes - kept.length,
			);
			return decoded;
		},
	};
}

export function systemRecord(
	header: RecordHeader,
	event: string,
	text: string,
): MessageRecord {
	// Close reasons and registry ids inside system text come from servers: untrusted too.
	const safe = sanitize(text);
	const frame: DecodedFrame = {
		kind: 'text',
		preview: safe,
		full: safe,
		bytes: 0,
	};
	return {
		...header,
		direction: 'system',
		bytes: 0,
		event,
		decoded: () => frame,
	};
}

function withCutNote(frame: DecodedFrame, notKept: number): DecodedFrame {
	if (notKept <= 0) {
		return frame;
	}

	return {
		kind: frame.kind,
		preview: frame.preview,
		bytes: frame.bytes + notKept,
		get full() {
			return `${frame.full}\n… (${formatBytes(notKept)} more were received but not kept)`;
		},
	};
}
