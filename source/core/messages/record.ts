import {type RawData} from 'ws';
import {type SystemEvent} from '../connections/types.js';
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
One line of the message pane. Frames keep a bounded part of their bytes and are decoded only
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
	/** System lines only: the event as data (its fields go into the NDJSON stream). */
	readonly systemEvent?: SystemEvent;
	/** The decoded frame, or a system line's text wrapped the same way. Computed on first use. */
	decoded(): DecodedFrame;
	/**
	Text frames only: the frame decoded with its SGR colour and style sequences kept (every other
	control still escaped), for views that render colour. Computed on first use, and only for frames
	that hold an ESC at all; the others answer with `decoded()`.
	*/
	styled?(): DecodedFrame;
	/** Frames only: make the record own its bytes (see FrameRecord). */
	settle?(): void;
	/** Frames only: the kept bytes as received or sent (a recording carries them, for `replay`). */
	payload?(): Buffer;
	/**
	Text frames only: the first `maxBytes` of the payload as UTF-8, undecoded and unsanitised (for
	matching, never for showing); cheap where `decoded()` is not. Undefined for binary frames.
	*/
	rawText?(maxBytes: number): string | undefined;
};

/** Payload bytes kept per message for its preview and detail view. */
export const keptBytesPerMessage = 16 * 1024;

/**
What a record costs beyond its kept bytes: the object, its header fields, a buffer's bookkeeping.
An estimate on the high side, so a scrollback of tiny messages is bounded by bytes too.
*/
export const recordOverheadBytes = 256;

/**
The memory a record holds while it is kept, for the scrollback's byte bound: its kept payload
(at most `keptBytesPerMessage`, whatever the message's size) plus the overhead.
*/
export function retainedBytes(record: MessageRecord): number {
	return Math.min(record.bytes, keptBytesPerMessage) + recordOverheadBytes;
}

/** Where a record sits and whose it is. */
export type RecordHeader = {seq: number; time: number; serverId: string};

/**
A received or sent frame. A class rather than an object with closures: under a flood hundreds of
thousands are made each second and most are evicted before anyone looks at them.
*/
class FrameRecord implements MessageRecord {
	readonly direction: 'in' | 'out';
	readonly bytes: number;
	#payload: Buffer;
	#settled: boolean;
	readonly #isBinary: boolean;
	#decoded: DecodedFrame | undefined;
	#styled: DecodedFrame | undefined;

	constructor(
		readonly seq: number,
		readonly time: number,
		readonly serverId: string,
		direction: 'in' | 'out',
		buffer: Buffer,
		options: {isBinary: boolean; settled: boolean; length?: number},
	) {
		this.direction = direction;
		this.bytes = options.length ?? buffer.length;
		this.#payload =
			buffer.length > keptBytesPerMessage
				? buffer.subarray(0, keptBytesPerMessage)
				: buffer;
		this.#isBinary = options.isBinary;
		this.#settled = options.settled;
	}

	/**
	Copies the kept bytes, so a record that stays in the scrollback never pins the socket's whole
	receive chunk. Done for the survivors only, at flush time, instead of for every message, and only
	when the bytes kept are under half of the memory they pin: a message that arrived in a buffer of
	its own is kept as it is (copying every 16 KiB message of a flood was most of the garbage made).
	*/
	settle(): void {
		if (!this.#settled) {
			this.#settled = true;
			if (this.#payload.byteLength * 2 < this.#payload.buffer.byteLength) {
				this.#payload = Buffer.from(this.#payload);
			}
		}
	}

	payload(): Buffer {
		return this.#payload;
	}

	rawText(maxBytes: number): string | undefined {
		return this.#isBinary
			? undefined
			: this.#payload.toString(
					'utf8',
					0,
					Math.min(maxBytes, this.#payload.length),
				);
	}

	decoded(): DecodedFrame {
		this.#decoded ??= withCutNote(
			decodeFrame(this.#payload, this.#isBinary, {
				fullLength: keptBytesPerMessage,
			}),
			this.bytes - this.#payload.length,
		);
		return this.#decoded;
	}

	styled(): DecodedFrame {
		// No ESC byte, no SGR: the plain decode is the styled one, and nothing more is kept.
		if (this.#isBinary || !this.#payload.includes(0x1b)) {
			return this.decoded();
		}

		this.#styled ??= withCutNote(
			decodeFrame(this.#payload, false, {
				fullLength: keptBytesPerMessage,
				keepSgr: true,
			}),
			this.bytes - this.#payload.length,
		);
		return this.#styled;
	}
}

/**
A frame's record. `length`: the frame's whole size, when `data` holds only its kept bytes, copied
out of the socket already (the ingest worker's batches): such a record owns its bytes.
*/
export function frameRecord(
	header: RecordHeader & {direction: 'in' | 'out'},
	data: RawData | string,
	isBinary: boolean,
	length?: number,
): MessageRecord {
	const owned = typeof data === 'string' || length !== undefined;
	const buffer =
		typeof data === 'string' ? Buffer.from(data) : rawDataToBuffer(data);
	return new FrameRecord(
		header.seq,
		header.time,
		header.serverId,
		header.direction,
		buffer,
		{isBinary, settled: owned, ...(length === undefined ? {} : {length})},
	);
}

export function systemRecord(
	header: RecordHeader,
	event: string,
	text: string,
	systemEvent?: SystemEvent,
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
		...(systemEvent ? {systemEvent} : {}),
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
