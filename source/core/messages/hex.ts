const hexByte = Array.from({length: 256}, (_, byte) =>
	byte.toString(16).padStart(2, '0'),
);

/** `68 65 6c 6c 6f` */
export function hexBytes(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) {
		hex += hex === '' ? hexByte[byte]! : ` ${hexByte[byte]!}`;
	}

	return hex;
}

/** `00000000  68 65 6c 6c 6f 00 01 02  03 04 05 06 07 08 09 0a  |hello...........|` */
export function hexDump(bytes: Uint8Array): string {
	const lines: string[] = [];
	for (let offset = 0; offset < bytes.length; offset += 16) {
		const row = bytes.subarray(offset, offset + 16);
		const hex = `${hexBytes(row.subarray(0, 8))}  ${hexBytes(row.subarray(8))}`;
		const ascii = Array.from(row, (byte) =>
			byte >= 0x20 && byte < 0x7f ? String.fromCodePoint(byte) : '.',
		).join('');
		lines.push(
			`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(48)}  |${ascii}|`,
		);
	}

	return lines.join('\n');
}
