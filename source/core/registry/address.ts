import {type ServerEntry} from './schema.js';

export const defaultHost = 'localhost';

/** `localhost:54321`, `[::1]:8080/ws`: how an entry's address is shown. */
export function displayAddress(
	entry: Pick<ServerEntry, 'host' | 'port' | 'path'>,
): string {
	const path = entry.path === undefined || entry.path === '/' ? '' : entry.path;
	return `${bracketIpv6(entry.host ?? defaultHost)}:${entry.port}${path}`;
}

/** The WebSocket URL for an entry on one concrete host (`wss://` over TLS). */
export function webSocketUrl(
	entry: Pick<ServerEntry, 'port' | 'path'>,
	host: string,
	tls = false,
): string {
	return `${tls ? 'wss' : 'ws'}://${bracketIpv6(host)}:${entry.port}${entry.path ?? '/'}`;
}

/**
Why `url` would not reach `host` at the entry's port, or undefined when it would. A host that is
not a plain name or address can parse as something else: `127.0.0.1/` as port 80 on the default
path, `127.0.0.1@example.com` as example.com with a user name, `127.1` as 127.0.0.1. Such an entry
is not connected at all; the token rule was decided on the host as written.
*/
export function addressMismatch(
	url: string,
	host: string,
	entry: Pick<ServerEntry, 'port'>,
	tls = false,
): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'not a valid address';
	}

	if (parsed.hostname !== bracketIpv6(host).toLowerCase()) {
		return `the host is not a plain host name or address (it reads as "${parsed.hostname}")`;
	}

	const port = parsed.port === '' ? (tls ? 443 : 80) : Number(parsed.port);
	if (port !== entry.port) {
		return `the address does not read as port ${entry.port}`;
	}

	return undefined;
}

function bracketIpv6(host: string): string {
	return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
