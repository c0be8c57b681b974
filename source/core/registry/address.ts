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

function bracketIpv6(host: string): string {
	return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
