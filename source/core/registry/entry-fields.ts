import net from 'node:net';

/*
Checks for the fields that end up in a WebSocket URL or an HTTP header. An entry that passes them can
always be connected to: `new URL` and `new WebSocket` never throw on it (issue 9, item 1).
*/

/** A DNS name (RFC 1123 labels), an IPv4 literal or an IPv6 literal, bracketed or not. */
export function hostProblem(host: string): string | undefined {
	if (host.length > 255) {
		return 'is longer than 255 characters';
	}

	const bare =
		host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
	if (bare !== host || host.includes(':')) {
		// `%zone` suffixes pass `net.isIPv6` but no URL parser takes them.
		return net.isIPv6(bare) && !bare.includes('%')
			? undefined
			: 'must be a host name, an IPv4 or an IPv6 address (no port: that is "port")';
	}

	if (net.isIPv4(host)) {
		return undefined;
	}

	const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
	const valid =
		host.length <= 253 &&
		labels.every((label) =>
			/^[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/i.test(label),
		) &&
		// A name whose last label is a number is read as a (bad) IPv4 address by URL parsers.
		!/^(?:\d+|0x[\da-f]*)$/i.test(labels.at(-1)!);
	return valid
		? undefined
		: 'must be a host name (letters, digits, "-" and "."), an IPv4 or an IPv6 address';
}

/** Starts with `/`; no fragment, whitespace or control characters (C0, DEL, C1). */
export function pathProblem(path: string): string | undefined {
	if (!path.startsWith('/')) {
		return 'must start with "/"';
	}

	if (path.length > 2048) {
		return 'is longer than 2048 characters';
	}

	if (path.includes('#')) {
		return 'must not contain "#" (a WebSocket URL has no fragment)';
	}

	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	return /[\s\u0000-\u001F\u007F-\u009F]/.test(path)
		? 'must not contain spaces or control characters'
		: undefined;
}

/** RFC 6750 `b64token`: what may follow `Authorization: Bearer ` in a header. */
export function tokenProblem(token: string): string | undefined {
	if (token.length > 4096) {
		return 'is longer than 4096 characters';
	}

	return /^[\w\-.~+/]+=*$/.test(token)
		? undefined
		: 'must hold only the characters a bearer token may (A-Z a-z 0-9 - . _ ~ + / and trailing =)';
}
