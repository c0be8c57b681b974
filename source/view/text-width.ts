import stringWidth from 'string-width';

/** Widths remembered at most; past that the memory starts afresh (a table's texts repeat). */
const maxRemembered = 10_000;
const remembered = new Map<string, number>();

/** Printable ASCII only: one column per character, no need to ask string-width. */
const printableAscii = /^[\u0020-\u007E]*$/;

/**
The columns `text` takes on screen: `string-width`, remembered. The server table measures every
row's cells on every frame to size its columns; with 1 000 servers reconnecting that was most of a
frame, for the same few thousand texts each time.
*/
export function textWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	let width = remembered.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (remembered.size >= maxRemembered) {
			remembered.clear();
		}

		remembered.set(text, width);
	}

	return width;
}
