import {hexDump} from './hex.js';
import {prettyJson} from './json-format.js';
import {sanitize} from './sanitize.js';

/** The shapes a frame is recognised as. */
export const messageKind = {
	/** Anything that is not one of the JSON shapes below, including text that only looks like JSON. */
	text: 'text',
	/** JSON that starts with `{`, `[` or `"` and is none of the shapes below. */
	json: 'json',
	/** JSON `[topic, event, payload]` with a string topic and event (channel servers). */
	channel: 'channel',
	/** A JSON object with a string `type` field. */
	typed: 'typed',
	/** A binary frame. */
	binary: 'binary',
} as const;

export type MessageKind = (typeof messageKind)[keyof typeof messageKind];

/**
One received frame, ready to display. Every string in it is sanitised (see `sanitize.ts`) and
bounded, so it can go to the terminal as it is.
*/
export type DecodedFrame = {
	readonly kind: MessageKind;
	/**
	One line of at most `previewLength` code units: the text, compact JSON, `topic · event · payload`,
	`type · rest of the object`, or `binary <size> · <hex of the first 16 bytes>`.
	*/
	readonly preview: string;
	/**
	The message for a detail view, over several lines (LF kept, everything else escaped): text as
	sent, JSON pretty-printed with two spaces, binary as a hex dump; cut after `fullLength` bytes with
	a `… (N more bytes)` marker. JSON longer than `fullLength` is shown as sent, not pretty-printed.

	Lazy: frames from `decodeFrame` compute it on first read and keep it. It is a getter on the
	frame's prototype, so `{...frame}` and `JSON.stringify(frame)` leave it out: keep the frame
	object itself (`{time, server, frame}`) rather than spreading it.
	*/
	readonly full: string;
	/** Size of the payload in bytes. */
	readonly bytes: number;
	/** Channel frames: the topic, as a label of at most 128 code units. */
	readonly topic?: string;
	/** Channel frames: the event, as a label of at most 128 code units. */
	readonly event?: string;
	/** Typed frames: the `type` field, as a label of at most 128 code units. */
	readonly type?: string;
};

/** What a frame keeps to make `full` on first read. */
export type FullSource =
	| {render: 'text'; text: string; keepSgr: boolean; remaining: number}
	| {render: 'json'; text: string; fullLength: number}
	| {render: 'hex'; bytes: Uint8Array; remaining: number};

/**
A frame whose `full` is made on first read. A class, not an object literal with a getter: creating
one costs about 10 ns instead of about 500 ns, and this runs for every frame.
*/
export class Frame implements DecodedFrame {
	readonly kind: MessageKind;
	readonly preview: string;
	readonly bytes: number;
	readonly topic: string | undefined;
	readonly event: string | undefined;
	readonly type: string | undefined;
	/** What to render `full` from until it is first read; then the text itself. */
	#full: FullSource | string;

	constructor(fields: Omit<DecodedFrame, 'full'>, source: FullSource) {
		this.kind = fields.kind;
		this.preview = fields.preview;
		this.bytes = fields.bytes;
		this.topic = fields.topic;
		this.event = fields.event;
		this.type = fields.type;
		this.#full = source;
	}

	get full(): string {
		// Rendered on first read, which lets the source go; later reads return the same text.
		if (typeof this.#full !== 'string') {
			this.#full = renderFull(this.#full);
		}

		return this.#full;
	}
}

function renderFull(source: FullSource): string {
	switch (source.render) {
		case 'text': {
			return (
				sanitize(source.text, {multiline: true, keepSgr: source.keepSgr}) +
				moreBytes(source.remaining)
			);
		}

		case 'json': {
			return prettyJson(source.text, source.fullLength);
		}

		case 'hex': {
			return hexDump(source.bytes) + moreBytes(source.remaining, '\n');
		}
	}
}

function moreBytes(count: number, separator = ''): string {
	return count > 0 ? `${separator}… (${count} more bytes)` : '';
}
