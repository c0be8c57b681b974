import {fc, test} from '@fast-check/vitest';
import {expect} from 'vitest';
import {occurrenceCounter} from './lib.mjs';

/** Wscat's marker for an incoming message on a terminal, as the side-by-side row counts it. */
const wscatIncoming = '\u001B[34m< ';

/** Non-overlapping occurrences in one string: what the counter must find across any chunking. */
function countWhole(text: string, needle: string): number {
	let count = 0;
	for (
		let at = text.indexOf(needle);
		at !== -1;
		at = text.indexOf(needle, at + needle.length)
	) {
		count++;
	}

	return count;
}

/** A needle that cannot overlap itself: no proper prefix equal to a suffix. */
function overlapsItself(needle: string): boolean {
	for (let length = 1; length < needle.length; length++) {
		if (needle.slice(0, length) === needle.slice(-length)) {
			return true;
		}
	}

	return false;
}

/** Text from pieces that often make or break the needle, split into chunks at arbitrary places. */
const streamOf = (needle: string) =>
	fc
		.array(
			fc.oneof(
				fc.constant(needle),
				fc.constantFrom(...needle),
				fc.constantFrom('\r\n', 'x', '\u001B[39m', '> '),
			),
			{maxLength: 60},
		)
		.map((pieces) => pieces.join(''))
		.chain((text) =>
			fc
				.uniqueArray(fc.integer({min: 0, max: text.length}), {maxLength: 12})
				.map((cuts) => {
					const at = [0, ...cuts.toSorted((a, b) => a - b), text.length];
					return {
						text,
						chunks: at.slice(1).map((end, index) => text.slice(at[index], end)),
					};
				}),
		);

test.prop([streamOf(wscatIncoming)], {numRuns: 300})(
	"counts wscat's incoming markers however the pty splits its output",
	({text, chunks}) => {
		const counter = occurrenceCounter(wscatIncoming);
		for (const chunk of chunks) {
			counter.add(chunk);
		}

		expect(counter.count()).toBe(countWhole(text, wscatIncoming));
	},
);

test.prop(
	[
		fc
			.string({
				minLength: 1,
				maxLength: 4,
				unit: fc.constantFrom('a', 'b', 'c'),
			})
			.filter((needle) => !overlapsItself(needle))
			.chain((needle) => fc.tuple(fc.constant(needle), streamOf(needle))),
	],
	{numRuns: 300},
)(
	'counts any needle that cannot overlap itself, one character long too',
	([needle, {text, chunks}]) => {
		const counter = occurrenceCounter(needle);
		for (const chunk of chunks) {
			counter.add(chunk);
		}

		expect(counter.count()).toBe(countWhole(text, needle));
	},
);
