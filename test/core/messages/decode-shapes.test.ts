import {Buffer} from 'node:buffer';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	decodeFrame,
	defaultPreviewLength,
	type DecodedFrame,
	type DecodeOptions,
} from '../../../source/core/messages/decode.js';

function text(payload: string, options?: DecodeOptions): DecodedFrame {
	return decodeFrame(Buffer.from(payload), false, options);
}

/** The same JSON laid out with so much whitespace that it no longer counts as short. */
function padded(value: unknown, previewLength = defaultPreviewLength): string {
	return `${JSON.stringify(value, undefined, 3)}${' '.repeat(4 * previewLength)}`;
}

describe('decodeFrame: message shapes', () => {
	it('recognises JSON after any JSON whitespace, and only JSON whitespace', () => {
		expect(text('\n{"a": 1}').kind).toBe('json');
		expect(text('\r\n[1]').kind).toBe('json');
		expect(text('\t"s"').kind).toBe('json');
		expect(text(' \t\r\n {"type": "ping"}')).toMatchObject({
			kind: 'typed',
			preview: 'ping',
		});
		// A form feed or vertical tab is not JSON whitespace: JSON.parse would refuse it anyway.
		expect(text('\f{"a": 1}').kind).toBe('text');
		expect(text('\v[1]').kind).toBe('text');
		expect(text('   ')).toMatchObject({kind: 'text', preview: '   '});
	});

	it('takes only [string, string, payload] as a channel frame', () => {
		expect(text('["room", "joined", null]')).toMatchObject({
			kind: 'channel',
			topic: 'room',
			event: 'joined',
			preview: 'room · joined · null',
		});
		expect(text('[1, "joined", {}]').kind).toBe('json');
		expect(text('["room", 2, {}]').kind).toBe('json');
		expect(text('["room", "joined", {}, 4]')).toMatchObject({
			kind: 'json',
			preview: '["room","joined",{},4]',
		});
		expect(text('["room", "joined"]').kind).toBe('json');
	});

	it('takes only objects with a string type as typed frames', () => {
		expect(text('{"type": "hello", "n": 1}')).toMatchObject({
			kind: 'typed',
			type: 'hello',
			preview: 'hello · {"n":1}',
		});
		expect(text('{"type": null}').kind).toBe('json');
		expect(text('{"kind": "hello"}').kind).toBe('json');
		expect(text('"type"').kind).toBe('json');
		expect(text('[{"type": "hello"}]').kind).toBe('json');
	});

	it('previews long JSON exactly as it previews the same JSON sent compact', () => {
		const value = {
			s: 'x',
			n: -1.5e-7,
			t: true,
			f: false,
			z: null,
			emptyObject: {},
			emptyArray: [],
			nested: {k: [1, {q: 'r'}, [[]]]},
		};
		const compact = JSON.stringify(value);
		expect(text(padded(value)).preview).toBe(compact);
		expect(text(padded(['topic', 'event', value])).preview).toBe(
			`topic · event · ${compact}`,
		);
		expect(text(padded({type: 'state', ...value})).preview).toBe(
			`state · ${compact}`,
		);
		expect(text(padded({type: 'state'})).preview).toBe('state');
		expect(text(padded([])).preview).toBe('[]');
		expect(text(padded('a string')).preview).toBe('"a string"');
	});

	it('previews any JSON the same whatever its layout (property)', () => {
		const previewLength = 60;
		const shaped = fc.oneof(
			fc.array(fc.jsonValue({maxDepth: 3})),
			fc.dictionary(fc.string(), fc.jsonValue({maxDepth: 3})),
			fc.tuple(fc.string(), fc.string(), fc.jsonValue({maxDepth: 3})),
			fc.record({type: fc.string(), rest: fc.jsonValue({maxDepth: 3})}),
			fc.string(),
		);
		fc.assert(
			fc.property(shaped, (value) => {
				const options = {previewLength};
				const sent = text(JSON.stringify(value), options);
				const spread = text(padded(value, previewLength), options);
				expect(spread.kind).toBe(sent.kind);
				expect(spread.preview).toBe(sent.preview);
			}),
			{numRuns: 300},
		);
	});

	it('fills the whole preview with a long JSON frame, marking the cut', () => {
		const many = Object.fromEntries(
			Array.from({length: 400}, (_, index) => [`key${index}`, index]),
		);
		const json = text(JSON.stringify(many));
		expect(json.preview).toHaveLength(defaultPreviewLength);
		expect(json.preview.startsWith('{"key0":0,"key1":1,')).toBe(true);
		expect(json.preview.endsWith('…')).toBe(true);

		const topic = 't'.repeat(120);
		const channel = text(JSON.stringify([topic, 'e', many]));
		expect(channel.preview).toHaveLength(defaultPreviewLength);
		expect(channel.preview.startsWith(`${topic} · e · {"key0":0,`)).toBe(true);
		expect(channel.preview.endsWith('…')).toBe(true);

		const typed = text(JSON.stringify({type: 'big', ...many}));
		expect(typed.preview).toHaveLength(defaultPreviewLength);
		expect(typed.preview.startsWith('big · {"key0":0,')).toBe(true);
	});

	it('keeps the preview of one huge string value to its first characters', () => {
		const frame = text(
			`${JSON.stringify(['t', 'e', 'z'.repeat(100_000)])}${' '.repeat(10)}`,
		);
		expect(frame.preview).toBe(
			`t · e · "${'z'.repeat(defaultPreviewLength - 10)}…`,
		);
	});
});
