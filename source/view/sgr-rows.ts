import {
	applySgr,
	colorNames,
	sgrSequence,
	type SpanStyle,
} from './sgr-spans.js';

const colorIndex = new Map<string, number>(
	colorNames.map((name, index) => [name, index]),
);

/**
Rows cut from one styled text (the detail view wraps a message into rows) made to stand alone: each
row starts with the SGR of the style the rows before it left set, so a colour that spans a line
break stays on, and each row can be turned into spans by itself when it scrolls into view.
*/
export function carrySgr(rows: readonly string[]): string[] {
	let style: SpanStyle = {};
	return rows.map((row) => {
		const carried = styleSgr(style);
		if (row.includes('\u001B')) {
			for (const match of row.matchAll(sgrSequence)) {
				style = applySgr(style, match[1]!);
			}
		}

		return carried + row;
	});
}

/** One SGR sequence that sets `style` from a reset state; '' for no style. */
export function styleSgr(style: SpanStyle): string {
	const codes: string[] = [];
	const flags: Array<[keyof SpanStyle, string]> = [
		['bold', '1'],
		['dimColor', '2'],
		['italic', '3'],
		['underline', '4'],
		['inverse', '7'],
		['strikethrough', '9'],
	];
	for (const [key, code] of flags) {
		if (style[key]) {
			codes.push(code);
		}
	}

	for (const [color, base] of [
		[style.color, 30],
		[style.backgroundColor, 40],
	] as const) {
		if (color !== undefined) {
			codes.push(colorCode(color, base));
		}
	}

	return codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`;
}

/** `red` → 31, `redBright` → 91, `ansi256(n)` → 38;5;n, `rgb(r,g,b)` → 38;2;r;g;b (base 30). */
function colorCode(color: string, base: 30 | 40): string {
	const extended = /^(ansi256|rgb)\(([\d,]+)\)$/.exec(color);
	if (extended) {
		const kind = extended[1] === 'ansi256' ? '5' : '2';
		return [base + 8, kind, ...extended[2]!.split(',')].join(';');
	}

	const bright = color.endsWith('Bright');
	const name = bright ? color.slice(0, -'Bright'.length) : color;
	return String((bright ? base + 60 : base) + (colorIndex.get(name) ?? 0));
}
