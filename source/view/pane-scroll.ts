import {type UiState} from './ui-state.js';

/* Scrolling the message pane: the bottom line is anchored to a message, or the pane follows. */

export function scroll(
	state: UiState,
	by: number,
	seqs: readonly number[],
	pageSize: number,
): UiState {
	if (seqs.length <= pageSize && state.anchorSeq === undefined) {
		return state; // Everything fits: nothing to scroll.
	}

	const lastIndex = seqs.length - 1;
	const currentIndex =
		state.anchorSeq === undefined
			? lastIndex
			: anchorIndex(seqs, state.anchorSeq);
	// The bottom line cannot go above the last line of the first page.
	const target = Math.max(Math.min(pageSize - 1, lastIndex), currentIndex + by);
	if (target >= lastIndex) {
		return {...state, anchorSeq: undefined};
	}

	return {...state, anchorSeq: seqs[target]};
}

/** Index of the anchor among the visible seqs, or of the nearest older one still kept. */
export function anchorIndex(
	seqs: readonly number[],
	anchorSeq: number,
): number {
	let low = 0;
	let high = seqs.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (seqs[middle]! <= anchorSeq) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}

	return Math.max(0, found);
}
