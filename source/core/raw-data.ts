import {type RawData} from 'ws';

/** `ws` hands a message over as a Buffer, an ArrayBuffer or a list of fragments: one Buffer. */
export function rawDataToBuffer(data: RawData): Buffer {
	if (Buffer.isBuffer(data)) {
		return data;
	}

	return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

export function rawDataLength(data: RawData): number {
	if (Array.isArray(data)) {
		return data.reduce((sum, chunk) => sum + chunk.length, 0);
	}

	return data instanceof ArrayBuffer ? data.byteLength : data.length;
}
