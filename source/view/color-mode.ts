/**
Whether the screen uses colour. NO_COLOR and --no-color turn colour off, and only colour: bold, dim
and inverse (the input cursor is drawn in inverse) stay, so chalk keeps drawing styles and the view
simply passes no colours. Set once by the CLI before the first frame.
*/
let colorEnabled = true;

export function setColorEnabled(enabled: boolean): void {
	colorEnabled = enabled;
}

/** A colour for Ink's `color` prop, or undefined (the terminal's own colour) when colour is off. */
export function paint<Color extends string>(
	color: Color | undefined,
): Color | undefined {
	return colorEnabled ? color : undefined;
}
