import {type IncomingMessage} from 'node:http';
import net from 'node:net';

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1 (bracketed or not, or IPv4-mapped). */
export function isLoopbackHost(host: string): boolean {
	const bare = (
		host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
	).toLowerCase();
	if (bare === 'localhost' || bare.endsWith('.localhost')) {
		return true;
	}

	const ipv4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
	if (net.isIPv4(ipv4)) {
		return loopback.check(ipv4, 'ipv4');
	}

	return net.isIPv6(bare) && loopback.check(bare, 'ipv6');
}

/**
Browsers send `Origin` with every WebSocket handshake and never enforce anything themselves, so any
web page the developer opens could talk to a local server. Allowed: no `Origin` (scripts, the
monitor, `wscat`), an origin on a loopback host, or one on the host the request was sent to.
*/
export function isAllowedOrigin(request: IncomingMessage): boolean {
	const {origin} = request.headers;
	if (origin === undefined) {
		return true;
	}

	let hostname: string;
	try {
		hostname = new URL(origin).hostname;
	} catch {
		return false; // `null` (sandboxed frames, file:) and anything unreadable.
	}

	if (hostname === '' || !/^https?:$/.test(new URL(origin).protocol)) {
		return false;
	}

	if (isLoopbackHost(hostname)) {
		return true;
	}

	const requestHost = request.headers.host;
	if (requestHost === undefined) {
		return false;
	}

	try {
		return new URL(`http://${requestHost}`).hostname === hostname;
	} catch {
		return false;
	}
}

/** `verifyClient` for `ws`: cross-site browser pages get 403, everyone else is let in. */
export function refuseCrossOrigin(
	info: {req: IncomingMessage},
	callback: (allowed: boolean, code?: number, message?: string) => void,
): void {
	if (isAllowedOrigin(info.req)) {
		callback(true);
	} else {
		callback(false, 403, 'Cross-origin WebSocket request refused');
	}
}
