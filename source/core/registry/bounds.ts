/**
Limits on what the registry may hold, and what happens beyond them. Chosen well above anything a
real server writes and well below what hurts: a JSON value nested thousands deep overflows the stack
of every recursive walker (`JSON.stringify`, deep equality, renderers), and one huge entry costs
memory and time in every snapshot.
*/
export const registryLimits = {
	/** Deepest nesting kept in `meta` or an unknown field (the field itself is level 1). */
	maxDepth: 32,
	/** Serialized size of an entry's `meta` and unknown fields together, in UTF-16 code units. */
	maxEntryBytes: 64 * 1024,
	/** Largest `servers.json` read; a bigger one is refused whole and the last good list kept. */
	maxFileBytes: 8 * 1024 * 1024,
	/** Largest `servers.d/*.json` read. */
	maxDropInBytes: 1024 * 1024,
	/** Entries acted on (connected, listed); more get a warning. Raised by `--max-servers`. */
	maxServers: 256,
	/** Entry warnings kept per file; the rest are counted in one line. */
	maxWarningsPerFile: 50,
} as const;

export type JsonMeasure =
	{ok: true; bytes: number} | {ok: false; reason: 'depth' | 'size'};

/**
Measures a parsed JSON value without recursion: an explicit stack, and it stops as soon as a limit
is passed, so its cost is bounded by `maxBytes` whatever the input.
*/
export function measureJson(
	value: unknown,
	limits: {maxDepth: number; maxBytes: number},
): JsonMeasure {
	let bytes = 0;
	const stack: Array<{value: unknown; depth: number}> = [{value, depth: 1}];
	while (stack.length > 0 && bytes <= limits.maxBytes) {
		const item = stack.pop()!;
		if (typeof item.value !== 'object' || item.value === null) {
			bytes +=
				typeof item.value === 'string'
					? item.value.length + 2
					: String(item.value).length;
			continue;
		}

		if (item.depth > limits.maxDepth) {
			return {ok: false, reason: 'depth'};
		}

		bytes += 2;
		// Arrays and objects alike: [key, child] pairs, made lazily so a huge array costs no more than
		// the budget; an array element has no key and costs nothing but a comma (an object's key, even
		// "", costs its quotes, colon and comma).
		const children = Array.isArray(item.value)
			? arrayPairs(item.value as unknown[])
			: objectPairs(item.value);
		for (const [key, child] of children) {
			bytes += key === undefined ? 1 : key.length + 4;
			if (bytes > limits.maxBytes) {
				break;
			}

			stack.push({value: child, depth: item.depth + 1});
		}
	}

	return bytes > limits.maxBytes
		? {ok: false, reason: 'size'}
		: {ok: true, bytes};
}

function* arrayPairs(values: unknown[]): Generator<[undefined, unknown]> {
	for (const value of values) {
		yield [undefined, value];
	}
}

function* objectPairs(record: object): Generator<[string, unknown]> {
	for (const key in record) {
		if (Object.hasOwn(record, key)) {
			yield [key, (record as Record<string, unknown>)[key]]; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- an own key of a parsed JSON object
		}
	}
}

/** The fields whose shape the schema checks itself; everything else is free-form and bounded. */
const checkedFields = new Set([
	'id',
	'port',
	'pid',
	'startedAt',
	'host',
	'path',
	'token',
	'name',
	'procStart',
]);

export type DroppedField = {field: string; reason: 'depth' | 'size'};

/**
Drops the free-form fields (`meta` and unknown ones) of an entry that are nested too deep or make it
too big, keeping the rest of the entry usable. Fields are taken in order, so the first ones written
win the size budget. Anything that is not a plain object is returned unchanged for the schema to
reject.
*/
export function boundEntryFields(
	raw: unknown,
	limits?: {maxDepth: number; maxBytes: number},
): {value: unknown; dropped: DroppedField[]} {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return {value: raw, dropped: []};
	}

	const dropped: DroppedField[] = [];
	const kept: Record<string, unknown> = {};
	const maxDepth = limits?.maxDepth ?? registryLimits.maxDepth;
	let budget = limits?.maxBytes ?? registryLimits.maxEntryBytes;
	for (const [field, value] of Object.entries(raw)) {
		if (checkedFields.has(field)) {
			kept[field] = value;
			continue;
		}

		const measure = measureJson(value, {
			maxDepth,
			maxBytes: budget - field.length - 4,
		});
		if (measure.ok) {
			budget -= measure.bytes + field.length + 4;
			// `defineProperty`, so a field named `__proto__` stays a plain field.
			Object.defineProperty(kept, field, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		} else {
			dropped.push({field, reason: measure.reason});
		}
	}

	return {value: kept, dropped};
}
