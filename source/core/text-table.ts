/**
Plain aligned columns for headless output (`list`): no colours, no box drawing, so the output
pipes well. Cells must already be sanitised.
*/
export function renderTextTable(
	header: string[],
	rows: string[][],
	gap = '  ',
): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column === cells.length - 1 ? cell : cell.padEnd(widths[column]!),
			)
			.join(gap)
			.trimEnd();
	return [line(header), ...rows.map((row) => line(row))].join('\n');
}
