/**
Takes secrets out of registry entries before they are written anywhere (JSON output, saved files,
the screen). An entry's `token` is one, but writers also put passwords, API keys and cookies in
`meta` or in fields of their own; any key at any depth whose name says it holds a secret has its
value replaced by `<redacted>`: we say that there is one, never what it is.

Names are matched case-insensitively. A name is secret when, with `-`, `_`, `.` and spaces removed,
it contains one of `secretFragments` (`api_key`, `X-Auth-Token`, `sessionId`, `dbPassword`), or
when one of its words (split at those separators, at digits and at camelCase humps) is one of
`secretWords` (`key`, `apiKey`, `private_key`, `auth`, `key1`, but not `keyboard`, `monkey` or
`author`). Over-redacting a
harmless field costs a look at the registry file; under-redacting a secret cannot be undone.

The walk is bounded: deeper than `maxDepth` levels, or past `maxNodes` values, what is left is
replaced by a note, so a hostile entry costs bounded time and stack, and no secret hides below the
bound.
*/

export const redacted = '<redacted>';
export const maxDepth = 32;
export const maxNodes = 20_000;
export const tooDeep = `<nested deeper than ${maxDepth} levels: not shown>`;
export const tooLarge = `<more than ${maxNodes} values: not shown>`;

const secretFragments = [
	'token',
	'secret',
	'passw', // Password, passwd
	'passphrase',
	'credential',
	'cookie',
	'session',
	'authoriz', // Authorization, authorize
	'authent', // Authentication, authenticator
	'oauth',
	'bearer',
	'apikey',
	'accesskey',
	'privatekey',
	'signingkey',
	'clientkey',
	'jwt',
] as const;

const secretWords = new Set(['key', 'keys', 'auth', 'pass', 'pwd', 'pin']);

/** Whether a field called `name` is taken to hold a secret (see the module comment). */
export function isSecretKey(name: string): boolean {
	const squashed = name.toLowerCase().replaceAll(/[-_.\s]/g, '');
	if (secretFragments.some((fragment) => squashed.includes(fragment))) {
		return true;
	}

	const words = name
		.replaceAll(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z]+/);
	return words.some((word) => secretWords.has(word));
}

/**
A copy of `value` (parsed JSON) with the value of every secret-named key replaced by `<redacted>`,
at any depth within the bounds (see the module comment). Never changes `value`.
*/
export function redactSecrets(value: unknown): unknown {
	const budget = {nodes: maxNodes};
	return redactValue(value, 0, budget);
}

/** The entry as it may be shown or written: `redactSecrets`, typed for an object. */
export function redactEntry(
	entry: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
	return redactObject(entry, 0, {nodes: maxNodes});
}

function redactValue(
	value: unknown,
	depth: number,
	budget: {nodes: number},
): unknown {
	if (value === null || typeof value !== 'object') {
		return value;
	}

	if (depth >= maxDepth) {
		return tooDeep;
	}

	if (Array.isArray(value)) {
		const items: unknown[] = [];
		for (const item of value as unknown[]) {
			if (--budget.nodes < 0) {
				items.push(tooLarge);
				break;
			}

			items.push(redactValue(item, depth + 1, budget));
		}

		return items;
	}

	return redactObject(value, depth, budget);
}

function redactObject(
	value: object,
	depth: number,
	budget: {nodes: number},
): Record<string, unknown> {
	const fields: Array<[string, unknown]> = [];
	for (const [key, field] of Object.entries(value)) {
		if (--budget.nodes < 0) {
			fields.push(['…', tooLarge]);
			break;
		}

		fields.push([
			key,
			isSecretKey(key) ? redacted : redactValue(field, depth + 1, budget),
		]);
	}

	// `fromEntries` defines own properties, so a `__proto__` key stays a plain field.
	return Object.fromEntries(fields);
}
