import {Buffer} from 'node:buffer';
import {formatBytes} from '../format.js';
import {
	Frame,
	messageKind,
	type DecodedFrame,
	type FullSource,
} from './decoded-frame.js';
import {hexBytes} from './hex.js';
import {formatJson, notJson, parseJson} from './json-format.js';
import {isChannel, isTyped, withoutType} from './json-shapes.js';
import {sanitize, sanitizeLabel} from './sanitize.js';
import {decodePrefix, utf8} from './utf8-prefix.js';

// The frame's shape and type live beside its lazy detail text; callers import them from here.
export {
	messageKind,
	type DecodedFrame,
	type MessageKind,
} from './decoded-frame.js';

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
