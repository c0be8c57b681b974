import stringWidth from 'string-width';

export type ColumnKey =
	| 'id'
	| 'status'
	| 'address'
	| 'host'
	| 'pid'
	| 'up'
	| 'rtt'
	| 'in'
	| 'out'
	| 'rate'
	| 'note';

export type Column = {
	key: ColumnKey;
	title: string;
	width: number;
	align: 'left' | 'right';
};

type ColumnSpec = {
	key: ColumnKey;
	title: string;
	/** Narrowest useful width. */
	min: number;
	/** Widest it grows to when there is room. */
	max: number;
	align: 'left' | 'right';
	/** Lower numbers stay longest as the terminal narrows. */
	priority: number;
};

const specs: ColumnSpec[] = [
	{key: 'id', title: 'ID', min: 10, max: 32, align: 'left', priority: 0},
	{
		key: 'status',
		title: 'STATUS',
		min: 14,
		max: 14,
		align: 'left',
		priority: 0,
	},
	{
		key: 'address',
		title: 'ADDRESS',
		min: 15,
		max: 24,
		align: 'left',
		priority: 1,
	},
	// Only with servers of more than one machine (a team registry); the first to go when narrow.
	{key: 'host', title: 'HOST', min: 8, max: 20, align: 'left', priority: 9},
	{key: 'pid', title: 'PID', min: 7, max: 7, align: 'right', priority: 6},
	{key: 'up', title: 'UP', min: 6, max: 6, align: 'right', priority: 3},
	{key: 'rtt', title: 'RTT', min: 6, max: 6, align: 'right', priority: 5},
	{key: 'in', title: 'IN', min: 6, max: 6, align: 'right', priority: 2},
	{key: 'out', title: 'OUT', min: 6, max: 6, align: 'right', priority: 7},
	{key: 'rate', title: 'RATE', min: 7, max: 7, align: 'right', priority: 8},
	{key: 'note', title: '', min: 10, max: 60, align: 'left', priority: 4},
];

/** Space between columns. */
export const columnGap = 1;
/** The selection marker ("▸ ") before the first column. */
export const rowPrefixWidth = 2;

/**
How wide the variable columns' content is now; a note of 0 means no row has one, a host of 0 that
all rows are of one machine.
*/
export type ColumnWants = {
	id: number;
	address: number;
	note: number;
	host?: number;
};

/**
Which columns fit in `width` terminal cells, and how wide each is: columns drop by priority as the
terminal narrows (never wrapping), and spare room goes to the id, the address and the note, as far
as their content needs.
*/
export function layoutColumns(width: number, wants: ColumnWants): Column[] {
	const available = Math.max(0, width - rowPrefixWidth);
	const kept = specs.filter(
		(spec) =>
			(spec.key !== 'note' || wants.note > 0) &&
			(spec.key !== 'host' || (wants.host ?? 0) > 0),
	);
	// Whole ids and addresses matter more than the minor counters: first try their full width,
	// dropping only minor columns; if even that does not fit, fall back to the narrowest widths.
	const full = (spec: ColumnSpec) =>
		spec.key === 'id' || spec.key === 'address'
			? Math.max(spec.min, Math.min(spec.max, wants[spec.key]))
			: spec.min;
	const total = (
		columns: ColumnSpec[],
		widthOf: (spec: ColumnSpec) => number,
	) => {
		let sum = columnGap * Math.max(0, columns.length - 1);
		for (const column of columns) {
			sum += widthOf(column);
		}

		return sum;
	};

	const dropUntilFits = (
		widthOf: (spec: ColumnSpec) => number,
		keepPriority: number,
	) => {
		while (kept.length > 2 && total(kept, widthOf) > available) {
			const lowest = Math.max(...kept.map((column) => column.priority));
			if (lowest <= keepPriority) {
				return;
			}

			// The last of the least important columns goes first.
			kept.splice(
				kept.findLastIndex((column) => column.priority === lowest),
				1,
			);
		}
	};

	dropUntilFits(full, 3);
	dropUntilFits((spec) => spec.min, 0);
	const minimumTotal = (columns: ColumnSpec[]) =>
		total(columns, (spec) => spec.min);

	const widths = new Map(kept.map((column) => [column.key, column.min]));
	let spare = available - minimumTotal(kept);
	for (const key of ['id', 'address', 'host', 'note'] as const) {
		const spec = kept.find((column) => column.key === key);
		if (spec && spare > 0) {
			const grow = Math.max(
				0,
				Math.min(spare, Math.min(spec.max, wants[key] ?? 0) - spec.min),
			);
			widths.set(key, spec.min + grow);
			spare -= grow;
		}
	}

	// On a very narrow terminal the id takes what is left, down to a few cells.
	if (spare < 0) {
		widths.set('id', Math.max(4, (widths.get('id') ?? 0) + spare));
	}

	return kept.map((spec) => ({
		key: spec.key,
		title: spec.title,
		width: widths.get(spec.key)!,
		align: spec.align,
	}));
}

/**
Cuts or pads `text` to exactly `width` terminal cells, measuring each character's display width
(CJK takes two cells, emoji sequences count as one unit), and marks a cut with `…`.
*/
export function fitCell(
	text: string,
	width: number,
	align: 'left' | 'right' = 'left',
): string {
	if (width <= 0) {
		return '';
	}

	let fitted = text;
	let cells = stringWidth(text);
	if (cells > width) {
		fitted = '';
		cells = 0;
		for (const {segment} of graphemes.segment(text)) {
			const segmentWidth = stringWidth(segment);
			if (cells + segmentWidth > width - 1) {
				break;
			}

			fitted += segment;
			cells += segmentWidth;
		}

		fitted += '…';
		cells += 1;
	}

	const padding = ' '.repeat(Math.max(0, width - cells));
	return align === 'left' ? fitted + padding : padding + fitted;
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
