/**
Turns text that `sanitize({keepSgr: true})` made safe into styled spans for Ink's `<Text>`: the
kept SGR sequences (the only ESC left in such text) become styles, and never reach the terminal
themselves. Colour (16, 256 and true colour), bold, dim, italic, underline, strikethrough and
inverse are shown; conceal, blink and anything else are ignored, so no text can hide or flash.
*/

export type SpanStyle = {
	color?: string;
	backgroundColor?: string;
	bold?: boolean;
	dimColor?: boolean;
	italic?: boolean;
	underline?: boolean;
	strikethrough?: boolean;
	inverse?: boolean;
};

export type StyledSpan = {readonly text: string; readonly style: SpanStyle};

/** The eight colours of SGR 30–37 (and 40–47, 90–97, 100–107), in code order. */
export const colorNames = [
	'black',
	'red',
	'green',
	'yellow',
	'blue',
	'magenta',
	'cyan',
	'white',
] as const;

/** Kept SGR: ESC [ digits and semicolons m (what `sanitize` keeps, nothing else). */
// eslint-disable-next-line no-control-regex -- ESC is what this looks for.
export const sgrSequence = /\u001B\[([\d;]*)m/g;

export function sgrSpans(text: string): StyledSpan[] {
	const spans: StyledSpan[] = [];
	let style: SpanStyle = {};
	let from = 0;
	sgrSequence.lastIndex = 0;
	for (;;) {
		const match = sgrSequence.exec(text);
		const end = match ? match.index : text.length;
		if (end > from) {
			spans.push({text: text.slice(from, end), style});
		}

		if (!match) {
			return spans;
		}

		style = applySgr(style, match[1]!);
		from = sgrSequence.lastIndex;
	}
}

/** The style after the SGR parameters `parameters` (`"1;31"`; empty means reset). */
export function applySgr(previous: SpanStyle, parameters: string): SpanStyle {
	const codes =
		parameters === ''
			? [0]
			: parameters.split(';').map((parameter) => toCode(parameter));
	let style = {...previous};
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 38 || code === 48) {
			const extended = extendedColor(codes, index + 1);
			index = extended.next - 1;
			if (extended.color !== undefined) {
				style[code === 38 ? 'color' : 'backgroundColor'] = extended.color;
			}

			continue;
		}

		style = applyCode(style, code);
	}

	return style;
}

function toCode(parameter: string): number {
	// An empty parameter (`1;;31`) means 0, as terminals read it.
	return parameter === '' ? 0 : Number(parameter);
}

function applyCode(style: SpanStyle, code: number): SpanStyle {
	const toggles: Record<number, Partial<SpanStyle>> = {
		1: {bold: true},
		2: {dimColor: true},
		3: {italic: true},
		4: {underline: true},
		7: {inverse: true},
		9: {strikethrough: true},
		22: {bold: false, dimColor: false},
		23: {italic: false},
		24: {underline: false},
		27: {inverse: false},
		29: {strikethrough: false},
		39: {color: undefined},
		49: {backgroundColor: undefined},
	};
	if (code === 0) {
		return {};
	}

	const toggle = toggles[code];
	if (toggle) {
		return clean({...style, ...toggle});
	}

	const named = namedColor(code);
	return named ? {...style, ...named} : style;
}

function namedColor(code: number): Partial<SpanStyle> | undefined {
	const ranges: Array<[number, keyof SpanStyle, string]> = [
		[30, 'color', ''],
		[40, 'backgroundColor', ''],
		[90, 'color', 'Bright'],
		[100, 'backgroundColor', 'Bright'],
	];
	for (const [first, key, suffix] of ranges) {
		if (code >= first && code < first + 8) {
			return {[key]: `${colorNames[code - first]!}${suffix}`};
		}
	}

	return undefined;
}

/** `5;n` or `2;r;g;b` after a 38 or 48, and the index of the code after it. */
function extendedColor(
	codes: number[],
	start: number,
): {color?: string; next: number} {
	if (codes[start] === 5) {
		const value = codes[start + 1];
		return {
			color: isByte(value) ? `ansi256(${value})` : undefined,
			next: start + 2,
		};
	}

	if (codes[start] === 2) {
		const [red, green, blue] = codes.slice(start + 1, start + 4);
		return {
			color:
				isByte(red) && isByte(green) && isByte(blue)
					? `rgb(${red},${green},${blue})`
					: undefined,
			next: start + 4,
		};
	}

	// Unknown kind: ignore the rest of the sequence rather than guess where it ends.
	return {next: codes.length};
}

function isByte(value: number | undefined): value is number {
	return (
		value !== undefined && Number.isInteger(value) && value >= 0 && value <= 255
	);
}

/** Drops keys set to `false` or `undefined`, so equal styles compare equal. */
function clean(style: SpanStyle): SpanStyle {
	return Object.fromEntries(
		Object.entries(style).filter(
			([, value]) => value !== undefined && value !== false,
		),
	);
}
