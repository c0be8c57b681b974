import {Buffer} from 'node:buffer';
import {formatBytes} from '../format.js';
import {sanitize, sanitizeLabel} from './sanitize.js';

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

export type DecodeOptions = {
	/** Longest `preview`, in UTF-16 code units, `…` included. Default 512. */
	previewLength?: number;
	/**
	How many bytes of the payload `full` shows before its `… (N more bytes)` marker. Default 64 KiB.
	Until `full` is read, a frame keeps up to this much of its payload, so the memory a scrollback of
	N frames can hold is about N × fullLength.
	*/
	fullLength?: number;
	/** Keep SGR colour and style sequences in text frames. Default `false`: they are escaped. */
	keepSgr?: boolean;
};

export const defaultPreviewLength = 512;
export const defaultFullLength = 64 * 1024;

/** Longest topic, event or type label. */
const labelLength = 128;
/** How many bytes the binary preview shows in hex. */
const hexPreviewBytes = 16;
/**
JSON texts up to `previewLength` × this are made compact with `JSON.stringify` (fast, and the result
is no longer than the text); longer ones with `formatJson`, which stops after the preview.
*/
const stringifyLimitFactor = 4;

type Limits = {
	previewLength: number;
	fullLength: number;
	keepSgr: boolean;
	/**
	How many bytes to decode for the preview of a long text frame: enough for `sanitize` to see more
	than `previewLength` code units (one takes at most 3 bytes) and its margin for an SGR sequence.
	*/
	previewBytes: number;
};

/** What a frame keeps to make `full` on first read. */
type FullSource =
	| {render: 'text'; text: string; keepSgr: boolean; remaining: number}
	| {render: 'json'; text: string; fullLength: number}
	| {render: 'hex'; bytes: Uint8Array; remaining: number};

/**
A frame whose `full` is made on first read. A class, not an object literal with a getter: creating
one costs about 10 ns instead of about 500 ns, and this runs for every frame.
*/
class Frame implements DecodedFrame {
	readonly kind: MessageKind;
	readonly preview: string;
	readonly bytes: number;
	readonly topic: string | undefined;
	readonly event: string | undefined;
	readonly type: string | undefined;
	#source: FullSource | undefined;
	#full: string | undefined;

	constructor(fields: Omit<DecodedFrame, 'full'>, source: FullSource) {
		this.kind = fields.kind;
		this.preview = fields.preview;
		this.bytes = fields.bytes;
		this.topic = fields.topic;
		this.event = fields.event;
		this.type = fields.type;
		this.#source = source;
	}

	get full(): string {
		if (this.#full === undefined) {
			this.#full = this.#source ? renderFull(this.#source) : '';
			this.#source = undefined;
		}

		return this.#full;
	}
}

const notJson = Symbol('not JSON');

/** Replaces invalid UTF-8 with U+FFFD, like `Buffer#toString`, and is as fast on short text. */
const utf8 = new TextDecoder();

/**
Turns one received WebSocket frame (as `ws` delivers it) into a display record. Cheap for the common
case: one UTF-8 decode, one regex test, and `JSON.parse` only for text that starts with `{`, `[` or
`"`. Bounded for huge frames, and never throws.
*/
export function decodeFrame(
	data: Uint8Array | ArrayBuffer | readonly Uint8Array[],
	isBinary: boolean,
	options: DecodeOptions = {},
): DecodedFrame {
	const previewLength = Math.max(
		1,
		Math.floor(options.previewLength ?? defaultPreviewLength),
	);
	const limits: Limits = {
		previewLength,
		fullLength: Math.max(
			0,
			Math.floor(options.fullLength ?? defaultFullLength),
		),
		keepSgr: options.keepSgr ?? false,
		previewBytes: (previewLength + 200) * 3,
	};
	let bytes: Uint8Array | undefined;
	try {
		bytes = toBytes(data);
		return isBinary ? decodeBinary(bytes, limits) : decodeText(bytes, limits);
	} catch {
		// Nothing above is expected to throw; if something does, the frame still gets its line.
		const note = 'undecodable frame';
		return new Frame(
			{kind: messageKind.text, preview: note, bytes: bytes?.length ?? 0},
			{render: 'text', text: note, keepSgr: false, remaining: 0},
		);
	}
}

function toBytes(
	data: Uint8Array | ArrayBuffer | readonly Uint8Array[],
): Uint8Array {
	if (data instanceof Uint8Array) {
		return data;
	}

	// Fragments (ws `binaryType: 'fragments'`) are joined once.
	return data instanceof ArrayBuffer
		? new Uint8Array(data)
		: Buffer.concat(data);
}

function decodeText(bytes: Uint8Array, limits: Limits): DecodedFrame {
	const first = firstNonSpace(bytes);
	// `{`, `[` or `"`: the only starts worth paying `JSON.parse` for.
	if (first === 0x7b || first === 0x5b || first === 0x22) {
		const text = utf8.decode(bytes);
		const value = parseJson(text);
		return value === notJson
			? decodePlainText(bytes, limits, text)
			: decodeJson(value, text, bytes, limits);
	}

	return decodePlainText(bytes, limits);
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
	for (const byte of bytes) {
		if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) {
			return byte;
		}
	}

	return undefined;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return notJson;
	}
}

/** `whole` is the decoded payload when the caller already has it. */
function decodePlainText(
	bytes: Uint8Array,
	limits: Limits,
	whole?: string,
): DecodedFrame {
	const {previewLength, fullLength, keepSgr, previewBytes} = limits;
	const short =
		whole ?? (bytes.length <= fullLength ? utf8.decode(bytes) : undefined);
	// A long source is fine: `sanitize` looks only at its start, and copies what it keeps.
	const preview = sanitize(short ?? decodePrefix(bytes, previewBytes).text, {
		keepSgr,
		maxLength: previewLength,
	});
	// Keep only what `full` can show: a frame must not hold a long payload alive.
	const head =
		short !== undefined && bytes.length <= fullLength
			? {text: short, bytes: bytes.length}
			: decodePrefix(bytes, fullLength);
	return new Frame(
		{kind: messageKind.text, preview, bytes: bytes.length},
		{
			render: 'text',
			text: head.text,
			keepSgr,
			remaining: bytes.length - head.bytes,
		},
	);
}

function decodeJson(
	value: unknown,
	text: string,
	bytes: Uint8Array,
	limits: Limits,
): DecodedFrame {
	const {previewLength, fullLength} = limits;
	let full: FullSource;
	if (bytes.length <= fullLength) {
		full = {render: 'json', text, fullLength};
	} else {
		const head = decodePrefix(bytes, fullLength);
		full = {
			render: 'text',
			text: head.text,
			keepSgr: false,
			remaining: bytes.length - head.bytes,
		};
	}

	// Short texts: `JSON.stringify` is faster, and its result is no longer than the text.
	const short = text.length <= previewLength * stringifyLimitFactor;
	const compact = (part: unknown, skipKey?: string) =>
		formatJson(part, {limit: previewLength + labelLength, indent: '', skipKey})
			.text;
	const line = (text: string) => sanitize(text, {maxLength: previewLength});
	if (isChannel(value)) {
		const topic = sanitizeLabel(value[0], labelLength);
		const event = sanitizeLabel(value[1], labelLength);
		const payload = short ? JSON.stringify(value[2]) : compact(value[2]);
		return new Frame(
			{
				kind: messageKind.channel,
				preview: line(`${topic} · ${event} · ${payload}`),
				bytes: bytes.length,
				topic,
				event,
			},
			full,
		);
	}

	if (isTyped(value)) {
		const type = sanitizeLabel(value.type, labelLength);
		const rest = short
			? JSON.stringify(withoutType(value))
			: compact(value, 'type');
		return new Frame(
			{
				kind: messageKind.typed,
				preview: line(rest === '{}' ? type : `${type} · ${rest}`),
				bytes: bytes.length,
				type,
			},
			full,
		);
	}

	return new Frame(
		{
			kind: messageKind.json,
			preview: line(short ? JSON.stringify(value) : compact(value)),
			bytes: bytes.length,
		},
		full,
	);
}

function isChannel(value: unknown): value is [string, string, unknown] {
	return (
		Array.isArray(value) &&
		value.length === 3 &&
		typeof value[0] === 'string' &&
		typeof value[1] === 'string'
	);
}

function isTyped(value: unknown): value is {type: string} {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as {type?: unknown}).type === 'string'
	);
}

type JsonFormat = {
	/** Stop soon after this many characters. */
	limit: number;
	/** `''` for one compact line, `'  '` for `JSON.stringify(value, undefined, 2)` layout. */
	indent: string;
	/** Leave this key out of a top-level object. */
	skipKey?: string;
};

/**
Deeper arrays and objects show as `[…]` and `{…}`. Keeps the recursion shallow, and the indentation
of pretty-printed JSON small: `[[[…]]]` 10 000 levels deep would otherwise pretty-print to 200 MB.
*/
const maxJsonDepth = 100;

/**
JSON text of a parsed value, laid out like `JSON.stringify`, that stops soon after `limit`
characters however large or deep the value is. `complete` is false when it stopped early.
*/
function formatJson(
	value: unknown,
	{limit, indent, skipKey}: JsonFormat,
): {text: string; complete: boolean} {
	const parts: string[] = [];
	let length = 0;
	const add = (part: string) => {
		parts.push(part);
		length += part.length;
	};

	const colon = indent === '' ? ':' : ': ';
	const newLine = (depth: number) =>
		indent === '' ? '' : `\n${indent.repeat(depth)}`;

	const walk = (node: unknown, depth: number, skip?: string): void => {
		if (typeof node === 'string') {
			add(JSON.stringify(node.length > limit ? node.slice(0, limit) : node));
			return;
		}

		if (typeof node !== 'object' || node === null) {
			add(JSON.stringify(node));
			return;
		}

		const isArray = Array.isArray(node);
		const entries: Array<[string, unknown]> = isArray
			? node.map((item, index) => [String(index), item])
			: Object.entries(node).filter(([key]) => key !== skip);
		const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
		if (entries.length === 0 || depth >= maxJsonDepth) {
			add(entries.length === 0 ? `${open}${close}` : `${open}…${close}`);
			return;
		}

		add(open);
		for (const [index, [key, item]] of entries.entries()) {
			if (length > limit) {
				return;
			}

			add(`${index === 0 ? '' : ','}${newLine(depth + 1)}`);
			if (!isArray) {
				add(`${JSON.stringify(key.slice(0, limit))}${colon}`);
			}

			walk(item, depth + 1);
		}

		add(`${newLine(depth)}${close}`);
	};

	walk(value, 0, skipKey);
	return {text: parts.join(''), complete: length <= limit};
}

/** The rest of a typed object, for its preview. */
function withoutType({type, ...rest}: {type: string}): Record<string, unknown> {
	return rest;
}

function decodeBinary(bytes: Uint8Array, limits: Limits): DecodedFrame {
	const {length} = bytes;
	const hex = hexBytes(bytes.subarray(0, hexPreviewBytes));
	const line =
		length === 0
			? 'binary 0 B'
			: `binary ${formatBytes(length)} · ${hex}${length > hexPreviewBytes ? ' …' : ''}`;
	// A copy (`new Uint8Array(view)` copies; `Buffer#slice` would not): the frame must not keep the
	// socket's, possibly larger, buffer alive.
	const kept = new Uint8Array(bytes.subarray(0, limits.fullLength));
	return new Frame(
		{
			kind: messageKind.binary,
			preview: sanitize(line, {maxLength: limits.previewLength}),
			bytes: length,
		},
		{render: 'hex', bytes: kept, remaining: length - kept.length},
	);
}

const hexByte = Array.from({length: 256}, (_, byte) =>
	byte.toString(16).padStart(2, '0'),
);

/** `68 65 6c 6c 6f` */
function hexBytes(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) {
		hex += hex === '' ? hexByte[byte]! : ` ${hexByte[byte]!}`;
	}

	return hex;
}

/** `00000000  68 65 6c 6c 6f 00 01 02  03 04 05 06 07 08 09 0a  |hello...........|` */
function hexDump(bytes: Uint8Array): string {
	const lines: string[] = [];
	for (let offset = 0; offset < bytes.length; offset += 16) {
		const row = bytes.subarray(offset, offset + 16);
		const hex = `${hexBytes(row.subarray(0, 8))}  ${hexBytes(row.subarray(8))}`;
		const ascii = Array.from(row, (byte) =>
			byte >= 0x20 && byte < 0x7f ? String.fromCodePoint(byte) : '.',
		).join('');
		lines.push(
			`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(48)}  |${ascii}|`,
		);
	}

	return lines.join('\n');
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

function prettyJson(text: string, fullLength: number): string {
	const value = parseJson(text);
	if (value === notJson) {
		return sanitize(text, {multiline: true});
	}

	const pretty = formatJson(value, {limit: fullLength, indent: '  '});
	if (pretty.complete) {
		return sanitize(pretty.text, {multiline: true});
	}

	let end = fullLength;
	// eslint-disable-next-line unicorn/prefer-code-point -- looking for a lone high surrogate.
	const last = pretty.text.charCodeAt(end - 1);
	if (last >= 0xd8_00 && last <= 0xdb_ff) {
		end--;
	}

	return `${sanitize(pretty.text.slice(0, end), {multiline: true})}… (cut at ${fullLength} characters)`;
}

/**
Decodes at most `maxBytes` bytes from the start, backing off so no UTF-8 sequence is split. Decoding
from the bytes, rather than slicing a decoded string, gives a string that keeps no long one alive.
*/
function decodePrefix(
	bytes: Uint8Array,
	maxBytes: number,
): {text: string; bytes: number} {
	let end = Math.min(maxBytes, bytes.length);
	if (end < bytes.length) {
		const start = end;
		while (end > 0 && start - end < 3 && isContinuationByte(bytes[end]!)) {
			end--;
		}
	}

	return {text: utf8.decode(bytes.subarray(0, end)), bytes: end};
}

/** `10xx xxxx`: the second, third or fourth byte of a UTF-8 sequence. */
function isContinuationByte(byte: number): boolean {
	return byte >= 0x80 && byte < 0xc0;
}

function moreBytes(count: number, separator = ''): string {
	return count > 0 ? `${separator}… (${count} more bytes)` : '';
}
