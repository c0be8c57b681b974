/**
Copying to the user's clipboard with OSC 52, which a terminal honours over SSH too, and tmux with
`set-clipboard on` (it keeps the text in its own buffer and passes it on to the outer terminal).

The sequence carries only base64, so nothing of the copied text can act on the terminal that
receives it; the text itself is the caller's, already made inert (a paste of it must not run
anything either). Terminals cap what they take: xterm and hterm about 100 000 bytes of sequence,
so the text is cut, at a character boundary, to fit under that.
*/
import {Buffer} from 'node:buffer';

/** The most bytes of text sent: its base64 is 99 992 bytes, under the common 100 000 cap. */
export const maxClipboardBytes = 74_994;

export type ClipboardCopy = {
	/** The escape sequence to write to the terminal. */
	readonly sequence: string;
	/** Bytes of text in the sequence. */
	readonly copiedBytes: number;
	/** Bytes of the whole text: more than `copiedBytes` when it was cut. */
	readonly totalBytes: number;
};

export function clipboardCopy(
	text: string,
	maxBytes = maxClipboardBytes,
): ClipboardCopy {
	const bytes = Buffer.from(text, 'utf8');
	const kept = bytes.subarray(0, utf8Boundary(bytes, maxBytes));
	return {
		sequence: `\u001B]52;c;${kept.toString('base64')}\u0007`,
		copiedBytes: kept.length,
		totalBytes: bytes.length,
	};
}

/** The largest length ≤ `limit` that does not end inside a UTF-8 character. */
function utf8Boundary(bytes: Uint8Array, limit: number): number {
	if (bytes.length <= limit) {
		return bytes.length;
	}

	let end = Math.max(0, limit);
	// A continuation byte (10xxxxxx) at `end` means the character before it is not whole.
	while (end > 0 && (bytes[end]! & 0xc0) === 0x80) {
		end--;
	}

	return end;
}
