import {expect} from 'vitest';

/** A well-formed SGR sequence, the only escape sequence `keepSgr` lets through. */
// eslint-disable-next-line no-control-regex -- matching ESC is the point.
const sgr = /^\u001B\[[\d;]{0,64}m/u;

/** Invisible format controls that can reorder or hide text. */
const formatControls = new Set([
	0x6_1c, 0x20_0e, 0x20_0f, 0x20_28, 0x20_29, 0x20_2a, 0x20_2b, 0x20_2c,
	0x20_2d, 0x20_2e, 0x20_66, 0x20_67, 0x20_68, 0x20_69,
]);

/**
Fails unless `output` is safe to write to a terminal: no code unit in 0x00–0x1F, 0x7F or 0x80–0x9F
and no bidi or other spoofing format control, except (with `keepSgr`) an ESC that starts a
well-formed SGR sequence, and (with `lineFeeds`) LF.
*/
export function assertInert(
	output: string,
	options: {keepSgr?: boolean; lineFeeds?: boolean} = {},
): void {
	for (let index = 0; index < output.length; index++) {
		// eslint-disable-next-line unicorn/prefer-code-point -- scanning code units on purpose.
		const code = output.charCodeAt(index);
		if (options.keepSgr && code === 0x1b) {
			const match = sgr.exec(output.slice(index));
			if (match) {
				index += match[0].length - 1;
				continue;
			}
		}

		if (options.lineFeeds && code === 0x0a) {
			continue;
		}

		const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
		if (isControl || formatControls.has(code)) {
			expect.fail(
				`control U+${code.toString(16).padStart(4, '0')} at ${index} in ${JSON.stringify(output)}`,
			);
		}
	}
}

/**
A small, seeded PRNG (mulberry32), so a failing random case can be found again.
Returns floats in [0, 1).
*/
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
