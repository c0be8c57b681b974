import {Buffer} from 'node:buffer';
import {fc, test as property} from '@fast-check/vitest';
import {expect, test} from 'vitest';
import {
	clipboardCopy,
	maxClipboardBytes,
} from '../../source/terminal/clipboard.js';

/** The text an OSC 52 sequence carries, decoded as a terminal would. */
function decoded(sequence: string): string {
	// eslint-disable-next-line no-control-regex -- ESC and BEL frame the sequence.
	const match = /^\u001B]52;c;([A-Za-z\d+/=]*)\u0007$/.exec(sequence);
	if (!match) {
		throw new Error(`not an OSC 52 sequence: ${JSON.stringify(sequence)}`);
	}

	return Buffer.from(match[1]!, 'base64').toString('utf8');
}

test('the text travels as base64 in one OSC 52 sequence', () => {
	const copy = clipboardCopy('héllo\nworld');
	expect(decoded(copy.sequence)).toBe('héllo\nworld');
	expect(copy).toMatchObject({copiedBytes: 12, totalBytes: 12});
});

test('escape sequences in the text never reach the terminal: only base64 does', () => {
	const copy = clipboardCopy('\u001B]0;pwned\u0007\u001B[2J');
	expect(copy.sequence.slice(7, -1)).toMatch(/^[A-Za-z\d+/=]+$/);
});

test('a text over the cap is cut at a character boundary, and says so', () => {
	// `é` is 2 bytes; after the `a`, each starts at an odd byte, so the even cap falls inside one.
	const text = `a${'é'.repeat(maxClipboardBytes)}`;
	const copy = clipboardCopy(text);
	expect(copy.totalBytes).toBe(1 + 2 * maxClipboardBytes);
	expect(copy.copiedBytes).toBe(maxClipboardBytes - 1);
	expect(decoded(copy.sequence)).toBe(
		`a${'é'.repeat((maxClipboardBytes - 2) / 2)}`,
	);
	// The whole sequence fits under the common 100 000-byte cap.
	expect(copy.sequence.length).toBeLessThanOrEqual(100_000);
});

property.prop([fc.string({unit: 'binary', maxLength: 60}), fc.nat(80)], {
	numRuns: 300,
})(
	'any text and cap: a prefix of whole characters, within the cap',
	(text, cap) => {
		const copy = clipboardCopy(text, cap);
		const kept = decoded(copy.sequence);
		expect(text.startsWith(kept)).toBe(true);
		expect(copy.copiedBytes).toBe(Buffer.byteLength(kept));
		expect(copy.copiedBytes).toBeLessThanOrEqual(cap);
		// Nothing was cut that would have fitted.
		if (kept.length < text.length) {
			const next = String.fromCodePoint(text.codePointAt(kept.length)!);
			expect(copy.copiedBytes + Buffer.byteLength(next)).toBeGreaterThan(cap);
		}
	},
);
