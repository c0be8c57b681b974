/** What each WebSocket close code means (RFC 6455 §7.4.1 and the IANA registry), in words. */
const meanings: Record<number, string> = {
	1000: 'normal closure',
	1001: 'going away',
	1002: 'protocol error',
	1003: 'unsupported data',
	1005: 'no status received',
	1006: 'abnormal closure',
	1007: 'invalid payload data',
	1008: 'policy violation',
	1009: 'message too big',
	1010: 'mandatory extension missing',
	1011: 'internal server error',
	1012: 'service restart',
	1013: 'try again later',
	1014: 'bad gateway',
	1015: 'TLS handshake failed',
};

export function closeCodeMeaning(code: number): string {
	if (meanings[code]) {
		return meanings[code];
	}

	if (code >= 3000 && code <= 3999) {
		return 'library or framework code';
	}

	if (code >= 4000 && code <= 4999) {
		return 'application code';
	}

	return 'unknown code';
}

export type CloseInfo = {code: number; reason: string; meaning: string};

/** `1008 policy violation: Server at maximum capacity` */
export function formatClose(close: CloseInfo): string {
	return `${close.code} ${close.meaning}${close.reason === '' ? '' : `: ${close.reason}`}`;
}
