/** Replaces invalid UTF-8 with U+FFFD, like `Buffer#toString`, and is as fast on short text. */
export const utf8 = new TextDecoder();

/**
Decodes at most `maxBytes` bytes from the start, backing off so no UTF-8 sequence is split. Decoding
from the bytes, rather than slicing a decoded string, gives a string that keeps no long one alive.
*/
export function decodePrefix(
	bytes: Uint8Array,
	maxBytes: number,
): {text: string; bytes: number} {
	let end = Math.min(maxBytes, bytes.length);
	const start = end;
	// At the very end there is no byte to look at (undefined): nothing to back off from.
	while (end > 0 && start - end < 3 && isContinuationByte(bytes[end] ?? 0)) {
		end--;
	}

	return {text: utf8.decode(bytes.subarray(0, end)), bytes: end};
}

/** `10xx xxxx`: the second, third or fourth byte of a UTF-8 sequence. */
function isContinuationByte(byte: number): boolean {
	return byte >= 0x80 && byte < 0xc0;
}
