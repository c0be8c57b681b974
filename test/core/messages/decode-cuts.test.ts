import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {
	decodeFrame,
	type DecodedFrame,
	type DecodeOptions,
} from '../../../source/core/messages/decode.js';

function text(payload: string, options?: DecodeOptions): DecodedFrame {
	return decodeFrame(Buffer.from(payload), false, options);
}

function bytes(payload: number[], options?: DecodeOptions): DecodedFrame {
	return decodeFrame(Buffer.from(payload), false, options);
}

describe('decodeFrame: where long frames are cut', () => {
	it('shows a frame of exactly fullLength bytes whole, and one byte more with a marker', () => {
		expect(text('abcde', {fullLength: 5}).full).toBe('abcde');
		expect(text('abcdef', {fullLength: 5}).full).toBe('abcde… (1 more bytes)');
		expect(text('[1]    ', {fullLength: 7}).full).toBe('[\n  1\n]');
		expect(text('[1, 2, 3]', {fullLength: 8}).full).toBe(
			'[1, 2, 3… (1 more bytes)',
		);
	});

	it('cuts text that only looks like JSON as text', () => {
		const frame = text(`{${'x'.repeat(99)}`, {fullLength: 10});
		expect(frame.kind).toBe('text');
		expect(frame.full).toBe(`{${'x'.repeat(9)}… (90 more bytes)`);
	});

	it('fills the preview of a frame longer than fullLength, even with 3-byte characters', () => {
		const frame = text('€'.repeat(1000), {fullLength: 100});
		expect(frame.preview).toBe(`${'€'.repeat(511)}…`);
		expect(frame.full).toBe(`${'€'.repeat(33)}… (2901 more bytes)`);
		const short = text('x'.repeat(100), {previewLength: 10, fullLength: 5});
		expect(short.preview).toBe(`${'x'.repeat(9)}…`);
	});

	it('backs off to the start of a UTF-8 character, whatever its last byte', () => {
		// U+0080 is C2 80, U+07FF is DF BF: the lowest and highest continuation bytes.
		expect(text('\u0080\u0080', {fullLength: 3}).full).toBe(
			String.raw`\x80… (2 more bytes)`,
		);
		expect(text('\u07FF\u07FF', {fullLength: 3}).full).toBe(
			'\u07FF… (2 more bytes)',
		);
		expect(text('😀😀', {fullLength: 7}).full).toBe('😀… (4 more bytes)');
		// C0 can never be a continuation byte: the cut stays where it is.
		expect(bytes([0x61, 0x61, 0xc0, 0x61], {fullLength: 2}).full).toBe(
			'aa… (2 more bytes)',
		);
	});

	it('backs off at most three bytes in invalid UTF-8, and never before the start', () => {
		const continuations = Array.from({length: 10}, () => 0x80);
		expect(bytes(continuations, {fullLength: 6}).full).toBe(
			'\uFFFD\uFFFD\uFFFD… (7 more bytes)',
		);
		expect(bytes(continuations, {fullLength: 2}).full).toBe(
			'… (10 more bytes)',
		);
	});

	it('never ends pretty-printed JSON with half a surrogate pair', () => {
		// `[[["X"]]]` pretty-printed puts X's first code unit at index 19.
		for (const character of ['\u{10000}', '\u{10FC00}', '😀']) {
			const payload = `[[["${character}"]]]`;
			const opening = '[\n  [\n    [\n      "';
			expect(text(payload, {fullLength: 20}).full).toBe(
				`${opening}… (cut at 20 characters)`,
			);
			expect(text(payload, {fullLength: 21}).full).toBe(
				`${opening}${character}… (cut at 21 characters)`,
			);
		}
	});

	it('reads odd lengths as the nearest sensible ones', () => {
		expect(text('abc', {previewLength: 0}).preview).toBe('…');
		expect(text('abc', {previewLength: -4}).preview).toBe('…');
		expect(text('abcdefghijklmnop', {previewLength: 5.9}).preview).toBe(
			'abcd…',
		);
		expect(text('abc', {fullLength: -3}).full).toBe('… (3 more bytes)');
		expect(text('abcdef', {fullLength: 2.9}).full).toBe('ab… (4 more bytes)');
	});

	it('never throws, even on input that is not a frame', () => {
		// What a caller outside the type system could pass: fragments that are not bytes.
		const notFragments: unknown = [42];
		const frame = decodeFrame(notFragments as Uint8Array[], false);
		expect(frame).toMatchObject({
			kind: 'text',
			preview: 'undecodable frame',
			bytes: 0,
		});
		expect(frame.full).toBe('undecodable frame');
	});
});

describe('decodeFrame: binary frames', () => {
	it('marks the hex preview as cut only when more than 16 bytes came', () => {
		const sixteen = Buffer.from(Array.from({length: 16}, (_, index) => index));
		expect(decodeFrame(sixteen, true).preview).toBe(
			'binary 16 B · 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f',
		);
		expect(decodeFrame(Buffer.from([0xff]), true).preview).toBe(
			'binary 1 B · ff',
		);
		expect(
			decodeFrame(Buffer.alloc(20), true, {previewLength: 10}).preview,
		).toBe('binary 20…');
	});

	it('shows printable ASCII, space to tilde, in column 60 of the dump and dots for the rest', () => {
		const frame = decodeFrame(
			Buffer.from([0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xff]),
			true,
		);
		expect(frame.full).toBe(
			`${'00000000  1f 20 41 7e 7f 80 ff'.padEnd(60)}|. A~...|`,
		);
	});

	it('numbers the rows of a long dump by offset, and cuts it at fullLength', () => {
		const frame = decodeFrame(Buffer.alloc(300, 0x61), true, {
			fullLength: 290,
		});
		const lines = frame.full.split('\n');
		expect(lines).toHaveLength(20);
		expect(lines[1]).toMatch(/^00000010 {2}61 /u);
		expect(lines[18]).toBe(`${'00000120  61 61'.padEnd(60)}|aa|`);
		expect(lines[19]).toBe('… (10 more bytes)');
		expect(lines[0]).toHaveLength(78);
	});

	it('reads binary frames from an ArrayBuffer and from fragments', () => {
		const arrayBuffer = new Uint8Array([1, 2]).buffer;
		expect(decodeFrame(arrayBuffer, true).preview).toBe('binary 2 B · 01 02');
		const fragments = [Buffer.from([0xab]), Buffer.from([0xcd])];
		expect(decodeFrame(fragments, true)).toMatchObject({
			bytes: 2,
			preview: 'binary 2 B · ab cd',
		});
	});
});
