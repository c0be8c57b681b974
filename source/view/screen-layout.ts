/** How many rows each part of the screen gets. */
export type ScreenLayout = {
	tableRows: number;
	paneRows: number;
	showFooter: boolean;
	/** Rows for the answer to the last command, above the input line. */
	feedbackRows: number;
};

/**
The smallest terminal the screen is drawn in: a header, a table row, a message row, and the input
line with their rules, each at least wide enough for the prompt and a few characters. Below it,
the screen says so instead of drawing parts over each other.
*/
export const minimumSize = {columns: 30, rows: 10} as const;

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < minimumSize.columns || rows < minimumSize.rows;
}

/**
Splits the terminal's rows: header, servers (up to 40 % of the space, fewer if there are fewer
servers), messages, the last command's answer, input and footer. The footer goes first on short
terminals; the answer takes its rows from the messages, but leaves them at least one. One row is
left unused at the bottom so Ink never falls back to clearing the whole screen on every frame.
*/
export function layoutScreen(
	rows: number,
	serverCount: number,
	feedbackLines = 0,
): ScreenLayout {
	const showFooter = rows >= 18;
	// Header, two table lines (rule, titles), pane rule, input rule, input; plus footer; plus spare row.
	const fixed = 6 + (showFooter ? 1 : 0) + 1;
	const available = Math.max(2, rows - fixed);
	const tableRows = Math.max(
		1,
		Math.min(
			Math.max(1, serverCount),
			Math.max(1, Math.floor(available * 0.4)),
		),
	);
	const paneAndFeedback = Math.max(1, available - tableRows);
	const feedbackRows = Math.max(
		0,
		Math.min(feedbackLines, paneAndFeedback - 1),
	);
	return {
		tableRows,
		paneRows: paneAndFeedback - feedbackRows,
		showFooter,
		feedbackRows,
	};
}
