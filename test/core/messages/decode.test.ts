import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {
	decodeFrame,
	defaultFullLength,
	defaultPreviewLength,
	type DecodedFrame,
} from '../../../source/core/messages/decode.js';
import {assertInert} from './inert.js';

function text(payload: string): DecodedFrame {
	return decodeFrame(Buffer.from(payload), false);
}

function assertFrameInert(frame: DecodedFrame): void {
	assertInert(frame.preview);
	assertInert(frame.full, {lineFeeds: true});
	for (const label of [frame.topic, frame.event, frame.type]) {
		assertInert(label ?? '');
	}
}

describe('decodeFrame', () => {
	it('shows a plain text frame as it is', () => {
		const frame = text('hello from the echo server');
		expect(frame).toMatchObject({
			kind: 'text',
			preview: 'hello from the echo server',
			bytes: 26,
		});
		expect(frame.full).toBe('hello from the echo server');
	});

	it('shows JSON compact on one line and pretty in full', () => {
		const frame = text('{\n  "a": 1,\n  "b": [1, 2]\n}');
		expect(frame.kind).toBe('json');
		expect(frame.preview).toBe('{"a":1,"b":[1,2]}');
		expect(frame.full).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}');
	});

	it('shows a JSON string as JSON', () => {
		expect(text(' "just a string" ')).toMatchObject({
			kind: 'json',
			preview: '"just a string"',
		});
	});

	it('shows [topic, event, payload] frames as topic · event · payload', () => {
		const frame = text(
			'["reasoning:abc123", "thought:added", {"thought": {"id": 1}}]',
		);
		expect(frame).toMatchObject({
			kind: 'channel',
			topic: 'reasoning:abc123',
			event: 'thought:added',
			preview: 'reasoning:abc123 · thought:added · {"thought":{"id":1}}',
		});
		expect(frame.full).toContain('"thought:added",\n');
	});

	it('treats arrays of other shapes as plain JSON', () => {
		expect(text('["a", "b"]').kind).toBe('json');
		expect(text('["a", 2, {}]').kind).toBe('json');
	});

	it('shows objects with a type field as type · rest', () => {
		const frame = text('{"type": "snapshot", "sessions": [1, 2]}');
		expect(frame).toMatchObject({
			kind: 'typed',
			type: 'snapshot',
			preview: 'snapshot · {"sessions":[1,2]}',
		});
		expect(frame.full).toContain('"type": "snapshot"');
		expect(text('{"type": "ping"}').preview).toBe('ping');
		expect(text('{"type": 3}').kind).toBe('json');
	});

	it('shows binary frames as size and a hex preview', () => {
		const bytes = Buffer.from(Array.from({length: 20}, (_, index) => index));
		const frame = decodeFrame(bytes, true);
		expect(frame).toMatchObject({
			kind: 'binary',
			bytes: 20,
			preview:
				'binary 20 B · 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f …',
		});
		expect(frame.full).toBe(
			[
				'00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|',
				'00000010  10 11 12 13                                       |....|',
			].join('\n'),
		);
		const kib = decodeFrame(Buffer.alloc(1229, 0x41), true);
		expect(kib.preview).toMatch(/^binary 1\.2 KiB · 41 41/u);
		expect(kib.full).toContain('|AAAAAAAAAAAAAAAA|');
	});

	it('accepts ArrayBuffer and fragment inputs', () => {
		const arrayBuffer = new Uint8Array([0x68, 0x69]).buffer;
		expect(decodeFrame(arrayBuffer, false).preview).toBe('hi');
		const fragments = [Buffer.from('{"type":'), Buffer.from('"split"}')];
		expect(decodeFrame(fragments, false)).toMatchObject({
			kind: 'typed',
			type: 'split',
			bytes: 16,
		});
	});

	it('replaces invalid UTF-8 in a text frame instead of throwing', () => {
		const frame = decodeFrame(Buffer.from([0x68, 0xff, 0xc3, 0x69]), false);
		expect(frame.kind).toBe('text');
		expect(frame.preview).toBe('h\uFFFD\uFFFDi');
		expect(frame.bytes).toBe(4);
	});

	it('handles empty frames', () => {
		expect(text('')).toMatchObject({kind: 'text', preview: '', bytes: 0});
		expect(text('').full).toBe('');
		const binary = decodeFrame(Buffer.alloc(0), true);
		expect(binary).toMatchObject({kind: 'binary', preview: 'binary 0 B'});
		expect(binary.full).toBe('');
	});

	it('bounds the preview and the full text of a 2 MiB frame', () => {
		const size = 2 * 1024 * 1024;
		const frame = decodeFrame(Buffer.alloc(size, 'a'), false);
		expect(frame.bytes).toBe(size);
		expect(frame.preview).toHaveLength(defaultPreviewLength);
		expect(frame.preview.endsWith('…')).toBe(true);
		expect(frame.full).toBe(
			`${'a'.repeat(defaultFullLength)}… (${size - defaultFullLength} more bytes)`,
		);
	});

	it('bounds the preview of a 2 MiB JSON frame', () => {
		const payload = JSON.stringify({
			type: 'dump',
			data: 'y'.repeat(2 * 1024 * 1024),
		});
		const frame = text(payload);
		expect(frame.kind).toBe('typed');
		expect(frame.preview.length).toBeLessThanOrEqual(defaultPreviewLength);
		expect(frame.preview.startsWith('dump · {"data":"yyy')).toBe(true);
		expect(frame.full).toMatch(/ \(\d+ more bytes\)$/u);
	});

	it('does not split a UTF-8 character where a long frame is cut', () => {
		const frame = decodeFrame(Buffer.from('é'.repeat(100)), false, {
			fullLength: 7,
		});
		expect(frame.full).toBe('ééé… (194 more bytes)');
	});

	it('survives deeply nested JSON', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const frame = text(deep);
		expect(frame.kind).toBe('json');
		expect(frame.preview.length).toBeLessThanOrEqual(defaultPreviewLength);
		expect(frame.full.length).toBeGreaterThan(0);
		// Within fullLength, so pretty-printed when opened: levels below 100 collapse to `[…]` rather
		// than indenting 30 000 levels deep (about 1.8 GB of spaces).
		const nested = text(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
		expect(nested.full).toContain('[…]');
		expect(nested.full.length).toBeLessThan(defaultFullLength);
		assertFrameInert(nested);
	});

	it('treats text that only looks like JSON as text', () => {
		expect(text('{not json').kind).toBe('text');
		expect(text('[1, 2').preview).toBe('[1, 2');
		// Only `{`, `[` and `"` are worth a JSON.parse.
		expect(text('42').kind).toBe('text');
	});

	it('keeps escape sequences inside JSON strings inert', () => {
		const payload = JSON.stringify({
			title: '\u001B]0;pwned\u0007',
			clear: '\u001B[2J',
			c1: '\u009B6n',
			bidi: 'abc\u202Eexe',
		});
		const frame = text(payload);
		expect(frame.kind).toBe('json');
		assertFrameInert(frame);
		expect(frame.preview).toContain(String.raw`\u001b]0;pwned\u0007`);

		const string = text(JSON.stringify('\u001B[2J\u009D0;x\u009C'));
		assertFrameInert(string);
	});

	it('keeps hostile topics, events and types inert', () => {
		const channel = text(
			JSON.stringify(['\u001B[2Jroom', 'ev\rent', {x: '\u202E'}]),
		);
		expect(channel.kind).toBe('channel');
		expect(channel.topic).toBe('␛[2Jroom');
		expect(channel.event).toBe('ev␍ent');
		assertFrameInert(channel);
		const typed = text(JSON.stringify({type: '\u001B]0;t\u0007', n: 1}));
		expect(typed.type).toBe('␛]0;t␇');
		assertFrameInert(typed);
	});

	it('keeps escape sequences in text frames inert, preview and full', () => {
		const frame = text(
			`line one\r\nreal\r[evil]\u001B]52;c;eA==\u0007\u001B[2J\u009B6n`,
		);
		assertFrameInert(frame);
		expect(frame.full).toBe('line one\nreal␍[evil]␛]52;c;eA==␇␛[2J\\x9b6n');
	});

	it('keeps SGR colour in text frames only when asked', () => {
		const red = Buffer.from('\u001B[31mred\u001B[0m');
		expect(decodeFrame(red, false).preview).toBe('␛[31mred␛[0m');
		expect(decodeFrame(red, false, {keepSgr: true}).preview).toBe(
			'\u001B[31mred\u001B[0m',
		);
	});

	it('honours previewLength and fullLength', () => {
		const frame = decodeFrame(Buffer.from('x'.repeat(100)), false, {
			previewLength: 10,
			fullLength: 40,
		});
		expect(frame.preview).toBe(`${'x'.repeat(9)}…`);
		expect(frame.full).toBe(`${'x'.repeat(40)}… (60 more bytes)`);
		const json = decodeFrame(
			Buffer.from(JSON.stringify({list: Array.from({length: 50}, () => 1)})),
			false,
			{fullLength: 30},
		);
		expect(json.full.endsWith('more bytes)')).toBe(true);
		const ones = Array.from({length: 10}, () => 1);
		const pretty = decodeFrame(Buffer.from(JSON.stringify(ones)), false, {
			fullLength: 30,
		});
		expect(pretty.full).toBe(
			`${JSON.stringify(ones, undefined, 2).slice(0, 30)}… (cut at 30 characters)`,
		);
	});

	it('computes full only when read, and keeps it out of JSON', () => {
		const frame = text('{"type":"x"}');
		expect(JSON.stringify(frame)).not.toContain('full');
		expect(frame.full).toBe(frame.full);
	});
});
