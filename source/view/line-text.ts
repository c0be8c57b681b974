/*
The line's text: what may enter it, and where the characters a person sees begin and end.
*/

/** Typed or pasted text: control characters never enter the line; line breaks become spaces. */
export function cleanInput(text: string): string {
	return text.replaceAll(/\r\n|[\r\n\t]/g, ' ').replaceAll(
		// eslint-disable-next-line no-control-regex -- finding control characters is the point
		/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
		'',
	);
}

/** Pasted text: line breaks (as \n) and tabs stay, every other control character goes. */
export function cleanPaste(text: string): string {
	return text
		.replaceAll(/\r\n?/g, '\n')
		.split(/([\n\t])/)
		.map((part) => (part === '\n' || part === '\t' ? part : cleanInput(part)))
		.join('');
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
Where the character a person sees before `cursor` starts: a family emoji (👨‍👩‍👧, five code points)
or a letter with its accents goes in one Backspace, as it came in one keypress.
*/
export function previousBoundary(text: string, cursor: number): number {
	if (cursor <= 0) {
		return 0;
	}

	// Only the last few code points can belong to the grapheme before the cursor; long emoji
	// sequences still fit in this window, and the line before it is not segmented on every key.
	const windowStart = Math.max(0, cursor - 64);
	let boundary = windowStart;
	for (const {index} of graphemes.segment(text.slice(windowStart, cursor))) {
		boundary = windowStart + index;
	}

	return boundary;
}

/** Where the character a person sees at `cursor` ends. */
export function nextBoundary(text: string, cursor: number): number {
	if (cursor >= text.length) {
		return text.length;
	}

	const segment = graphemes
		.segment(text.slice(cursor, cursor + 64))
		[Symbol.iterator]()
		.next().value;
	return cursor + (segment?.segment.length ?? 1);
}
