import {isIP} from 'node:net';
import {type ServerEntry} from '../registry/schema.js';
import {
	addressMismatch,
	defaultHost,
	webSocketUrl,
} from '../registry/address.js';

/**
Where an entry may be connected to, and with what. The registry is hostile input: an entry can name
any host, so the Bearer token must not follow it anywhere.
*/
export type AddressPlan =
	| {
			/** Concrete hosts to try, in order; the next only when the previous refused. */
			hosts: string[];
			/** The token to send, if the entry has one and it may be sent. */
			token?: string;
			tls: boolean;
	  }
	| {withheld: string};

/** `127.0.0.0/8`, `::1` (also bracketed or as an IPv4-mapped address) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
	const bare =
		host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
	const lower = bare.toLowerCase();
	if (lower === 'localhost' || lower === '::1') {
		return true;
	}

	if (isIP(lower) === 6) {
		const mapped = /^::ffff:((?:\d+\.){3}\d+)$/.exec(lower);
		return mapped ? isLoopbackIpv4(mapped[1]!) : false;
	}

	return isIP(lower) === 4 && isLoopbackIpv4(lower);
}

function isLoopbackIpv4(address: string): boolean {
	return address.split('.')[0] === '127';
}

/** An entry whose traffic (a broadcast, a token) leaves this machine. */
export function isRemote(entry: Pick<ServerEntry, 'host'>): boolean {
	return !isLoopbackHost(entry.host ?? defaultHost);
}

/**
`"tls": true` or `"scheme": "wss"` in an entry: connect with `wss://` (unknown fields are kept by
the schema, so both arrive here as they were written).
*/
export function wantsTls(entry: ServerEntry): boolean {
	return entry.tls === true || entry.scheme === 'wss';
}

/**
Which hosts to try for an entry, and whether its token may go with them.

- A token goes only to a loopback address or over TLS; a remote host in clear text gets no
  connection at all (connecting without the token would only be refused, and says less).
- `localhost` is tried as 127.0.0.1, then [::1] if that refused, because a server may listen on
  either family. With a token that fall-back is not made: whatever listens on [::1] at that port
  may be another user's process that bound it after ours went down, and it must not be handed the
  token. So `localhost` + token means 127.0.0.1 only; a token-holding server that listens on IPv6
  only is named with `"host": "::1"`.
*/
export function planAddress(entry: ServerEntry): AddressPlan {
	const host = entry.host ?? defaultHost;
	const tls = wantsTls(entry);
	const {token} = entry;
	if (token !== undefined && !tls && !isLoopbackHost(host)) {
		return {withheld: `token withheld: ${host} is not loopback and not TLS`};
	}

	const hosts =
		host.toLowerCase() === 'localhost'
			? token === undefined
				? ['127.0.0.1', '::1']
				: ['127.0.0.1']
			: [host];
	return {hosts, tls, ...(token === undefined ? {} : {token})};
}

/**
The URL for the plan's host at `index` (wrapping around), or why that URL would not reach it (see
`addressMismatch`): such an entry is not connected at all.
*/
export function planTarget(
	entry: ServerEntry,
	plan: Exclude<AddressPlan, {withheld: string}>,
	index: number,
): {url: string} | {invalid: string} {
	const host = plan.hosts[index % plan.hosts.length]!;
	const url = webSocketUrl(entry, host, plan.tls);
	const mismatch = addressMismatch(url, host, entry, plan.tls);
	return mismatch === undefined ? {url} : {invalid: mismatch};
}
