/** A registry that is not a file (paths.ts resolves those): a Redis server, or JSON over HTTP. */
export type RegistryLocation =
	| {
			kind: 'redis';
			/** For the client: scheme, credentials, host, port and database; no query. */
			url: string;
			tls: boolean;
			/** Keys are `<prefix>:server:<id>`, announcements go to `<prefix>:changes`. */
			prefix: string;
			/** For the screen and messages: no password. */
			label: string;
	  }
	| {kind: 'http'; url: string; label: string};

export type LocationResult =
	{ok: true; location: RegistryLocation} | {ok: false; message: string};

export const defaultRedisPrefix = 'shipyard';

/*
A prefix goes into SCAN's MATCH pattern, so glob characters (`*?[]\`) would widen the scan to other
keys; the allowed set is what people put in key names anyway.
*/
const prefixPattern = /^[\w.:-]{1,64}$/;
const schemes = 'a file path, redis://, rediss://, http:// or https://';

/** A registry URL, checked; the message says what is wrong without repeating a password. */
export function parseRegistryUrl(text: string): LocationResult {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			ok: false,
			message: `registry URL is not a valid URL (use ${schemes})`,
		};
	}

	switch (url.protocol) {
		case 'redis:':
		case 'rediss:': {
			return redisLocation(url);
		}

		case 'http:':
		case 'https:': {
			return httpLocation(url);
		}

		default: {
			return {
				ok: false,
				message: `registry URL scheme "${printable(url.protocol)}" is not supported (use ${schemes})`,
			};
		}
	}
}

function redisLocation(url: URL): LocationResult {
	if (url.hostname === '') {
		return {ok: false, message: 'redis registry URL names no host'};
	}

	const database =
		url.pathname === '' || url.pathname === '/' ? '0' : url.pathname.slice(1);
	if (!/^\d{1,5}$/.test(database)) {
		return {
			ok: false,
			message: `redis registry URL: database "${printable(database)}" is not a number`,
		};
	}

	let prefix = defaultRedisPrefix;
	for (const [name, value] of url.searchParams) {
		if (name !== 'prefix') {
			return {
				ok: false,
				message: `redis registry URL: unknown parameter "${printable(name)}" (only "prefix" is read)`,
			};
		}

		prefix = value;
	}

	if (!prefixPattern.test(prefix)) {
		return {
			ok: false,
			message:
				'redis registry URL: prefix must be 1–64 letters, digits, or "_.:-"',
		};
	}

	const user = url.username;
	const credentials =
		user === '' && url.password === ''
			? ''
			: `${user}${url.password === '' ? '' : `:${url.password}`}@`;
	const address = `${url.hostname}:${url.port === '' ? '6379' : url.port}`;
	const tls = url.protocol === 'rediss:';
	return {
		ok: true,
		location: {
			kind: 'redis',
			url: `${url.protocol}//${credentials}${address}/${Number(database)}`,
			tls,
			prefix,
			label: `${url.protocol}//${user === '' ? '' : `${printable(decodedOr(user))}@`}${printable(address)}/${Number(database)}${prefix === defaultRedisPrefix ? '' : `?prefix=${prefix}`}`,
		},
	};
}

function httpLocation(url: URL): LocationResult {
	if (url.username !== '' || url.password !== '') {
		return {
			ok: false,
			message:
				'http registry URL: credentials in the URL are not sent (they would show in process lists); serve the registry without them or on loopback',
		};
	}

	return {
		ok: true,
		location: {
			kind: 'http',
			url: url.href,
			label: printable(`${url.origin}${url.pathname}`),
		},
	};
}

/** A percent-encoded part decoded, or as written when it is not valid encoding (`%` alone). */
function decodedOr(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** URL parts are percent-encoded by `URL`, but a decoded user name may hold anything. */
function printable(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '?').slice(0, 200);
}
