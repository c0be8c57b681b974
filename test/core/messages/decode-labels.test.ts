import {Buffer} from 'node:buffer';
import {describe, expect, it} from 'vitest';
import {
	decodeFrame,
	type DecodedFrame,
} from '../../../source/core/messages/decode.js';

function text(payload: string): DecodedFrame {
	return decodeFrame(Buffer.from(payload), false);
}

/** Enough trailing whitespace that a frame is no longer short: its preview takes the bounded path. */
const padding = ' '.repeat(4 * 512);

describe('decodeFrame: labels and depth', () => {
	it('cuts topics, events and types to 128 code units', () => {
		const long = 'x'.repeat(300);
		const cut = `${'x'.repeat(127)}…`;
		const channel = text(JSON.stringify([long, long, 1]));
		expect(channel.topic).toBe(cut);
		expect(channel.event).toBe(cut);
		const typed = text(JSON.stringify({type: long}));
		expect(typed.type).toBe(cut);
		expect(typed.preview).toBe(cut);
		const fits = 'y'.repeat(128);
		expect(text(JSON.stringify({type: fits})).type).toBe(fits);
	});

	it('collapses arrays and objects nested deeper than 100 levels in a long frame', () => {
		const nested = (depth: number) =>
			`${'['.repeat(depth)}${']'.repeat(depth)}`;
		// 101 levels: the innermost, at depth 100, is empty and shows as it is.
		expect(text(`${nested(101)}${padding}`).preview).toBe(nested(101));
		expect(text(`${nested(102)}${padding}`).preview).toBe(
			`${'['.repeat(100)}[…]${']'.repeat(100)}`,
		);
		const objects = `${'{"":'.repeat(102)}1${'}'.repeat(102)}`;
		expect(text(`${objects}${padding}`).preview).toBe(
			`${'{"":'.repeat(100)}{…}${'}'.repeat(100)}`,
		);
	});

	it('pretty-prints in full down to 100 levels and collapses what is deeper', () => {
		const frame = text(JSON.stringify([[[[1]]]]));
		expect(frame.full).toBe(JSON.stringify([[[[1]]]], undefined, 2));
		const deep = text(`${'['.repeat(102)}${']'.repeat(102)}`);
		const lines = deep.full.split('\n');
		expect(lines[100]).toBe(`${'  '.repeat(100)}[…]`);
		expect(lines).toHaveLength(201);
	});
});
