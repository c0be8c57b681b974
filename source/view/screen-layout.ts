/** How many rows each part of the screen gets. */
export type ScreenLayout = {
	tableRows: number;
	paneRows: number;
	showFooter: boolean;
};

/**
Splits the terminal's rows: header, servers (up to 40 % of the space, fewer if there are fewer
servers), messages, input and footer. The footer goes first on short terminals. One row is left
unused at the bottom so Ink never falls back to clearing the whole screen on every frame.
*/
export function layoutScreen(rows: number, serverCount: number): ScreenLayout {
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
	return {tableRows, paneRows: Math.max(1, available - tableRows), showFooter};
}
