/** Which rows of a long list an overlay shows, and what its hint line says is out of view. */
export type ScrollWindow = {
	/** First row shown. */
	start: number;
	/** One past the last row shown. */
	end: number;
	/** The largest offset that still fills the view: scrolling stops there. */
	maxOffset: number;
	/** Rows above and below the view. */
	above: number;
	below: number;
	/** Whether a hint line is drawn under the rows (the list does not fit). */
	hasHint: boolean;
};

/**
Rows `start`…`end` of `total` in a view `height` rows high. When the list does not fit, the last row
of the view is kept for a hint ("12 more below"), so it never hides a row of the list.
*/
export function scrollWindow(
	total: number,
	height: number,
	offset: number,
): ScrollWindow {
	const hasHint = total > height;
	const rows = hasHint ? Math.max(1, height - 1) : total;
	const maxOffset = Math.max(0, total - rows);
	const start = Math.min(Math.max(0, offset), maxOffset);
	const end = Math.min(total, start + rows);
	return {start, end, maxOffset, above: start, below: total - end, hasHint};
}
