import stringWidth from 'string-width';
import {type KeyHint} from './docs.js';

/** How many of the last hints are kept whatever the width: help and quit, the ways out. */
const keptAtEnd = 2;

/**
The hints that fit in `width` cells (a leading space, two between hints), whole: a hint is left
out rather than cut. The last ones (help, quit) are kept first; the others fill in, in order, while
they fit.
*/
export function fitHints(hints: readonly KeyHint[], width: number): KeyHint[] {
	const cells = (hint: KeyHint) =>
		stringWidth(hint.keys) + 1 + stringWidth(hint.label);
	const essential = hints.slice(-keptAtEnd);
	let used = 1;
	const fits = (hint: KeyHint) => {
		const next = used + (used > 1 ? 2 : 0) + cells(hint);
		if (next > width) {
			return false;
		}

		used = next;
		return true;
	};

	const keptEssential = new Set(essential.filter((hint) => fits(hint)));
	return hints.filter(
		(hint) =>
			keptEssential.has(hint) || (!essential.includes(hint) && fits(hint)),
	);
}
