/**
Whether two JSON-like values (what `JSON.parse` and the registry schema produce) hold the same data.
Iterative, with its own stack, so that no nesting depth can overflow the call stack: the registry
is hostile input, and an entry nested 5 000 levels deep made `JSON.stringify` throw `RangeError`
and end the monitor. Object key order does not matter; keys whose value is `undefined` count as
absent, as in JSON.
*/
export function sameJsonValue(left: unknown, right: unknown): boolean {
	const pending: Array<[unknown, unknown]> = [[left, right]];
	for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
		const [a, b] = pair;
		if (a === b) {
			continue;
		}

		if (
			typeof a !== 'object' ||
			typeof b !== 'object' ||
			a === null ||
			b === null
		) {
			return false;
		}

		if (Array.isArray(a)) {
			if (!Array.isArray(b) || a.length !== b.length) {
				return false;
			}

			for (const [index, item] of a.entries()) {
				pending.push([item, b[index]]);
			}

			continue;
		}

		if (Array.isArray(b)) {
			return false;
		}

		const aEntries = definedEntries(a);
		const bValues = new Map(definedEntries(b));
		if (aEntries.length !== bValues.size) {
			return false;
		}

		for (const [key, value] of aEntries) {
			if (!bValues.has(key)) {
				return false;
			}

			pending.push([value, bValues.get(key)]);
		}
	}

	return true;
}

function definedEntries(value: object): Array<[string, unknown]> {
	return Object.entries(value).filter(([, item]) => item !== undefined);
}
