/**
One JSON field term of `/filter`: `path op value`, where `path` is `name(.name|[index])*` and `op`
is one of `= != > < >= <= ~` (`.path` is the same as `path`). Fields are read as own properties only, so `constructor` or
`__proto__` in a path never reaches anything the message did not send.
*/
import {parseTextPattern} from './text-pattern.js';

export type FieldTerm = {
	readonly label: string;
	/** Whether the message's JSON value (undefined when it is not JSON) satisfies the term. */
	test(json: unknown): boolean;
};

// A leading `.` is allowed and means nothing: `.host=x` reads the field where `host=x` is the
// server's machine (filter.ts).
const fieldSyntax =
	/^\.?([A-Za-z_$][\w$-]*(?:\.[\w$-]+|\[\d{1,9}])*)(!=|>=|<=|=|>|<|~)(.*)$/s;

/** Whether `text` has the shape of a field term (a path right before an operator). */
export function isFieldTerm(text: string): boolean {
	return fieldSyntax.test(text);
}

export function fieldTerm(
	text: string,
): {ok: true; term: FieldTerm} | {ok: false; error: string} {
	const [, path, operator, value] = fieldSyntax.exec(text) ?? [];
	if (path === undefined || operator === undefined || value === undefined) {
		return {ok: false, error: `not a field term: ${text}`};
	}

	const segments = pathSegments(path);
	const label = `${path}${operator}${value}`;
	const read = (json: unknown) => readPath(fieldView(json), segments);
	if (operator === '~') {
		const pattern = parseTextPattern(value);
		if (!pattern.ok) {
			return {ok: false, error: `${label}: ${pattern.error}`};
		}

		return {
			ok: true,
			term: {
				label,
				test(json) {
					const field = read(json);
					return field.found && pattern.pattern.test(fieldText(field.value));
				},
			},
		};
	}

	if (operator === '=' || operator === '!=') {
		const equal = operator === '=';
		return {
			ok: true,
			term: {
				label,
				test(json) {
					const field = read(json);
					return field.found && equals(field.value, value) === equal;
				},
			},
		};
	}

	const limit = toNumber(value);
	if (limit === undefined) {
		return {
			ok: false,
			error: `${label}: "${value}" is not a number to compare with`,
		};
	}

	const compare = comparisons.get(operator)!;
	return {
		ok: true,
		term: {
			label,
			test(json) {
				const field = read(json);
				return typeof field.value === 'number' && compare(field.value, limit);
			},
		},
	};
}

const comparisons = new Map<string, (a: number, b: number) => boolean>([
	['>', (a, b) => a > b],
	['<', (a, b) => a < b],
	['>=', (a, b) => a >= b],
	['<=', (a, b) => a <= b],
]);

function pathSegments(path: string): Array<string | number> {
	const segments: Array<string | number> = [];
	for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)]/g)) {
		segments.push(match[2] === undefined ? match[1]! : Number(match[2]));
	}

	return segments;
}

/** A channel frame `[topic, event, payload]` reads as `{topic, event, payload}`. */
function fieldView(json: unknown): unknown {
	if (
		Array.isArray(json) &&
		json.length === 3 &&
		typeof json[0] === 'string' &&
		typeof json[1] === 'string'
	) {
		return {topic: json[0], event: json[1], payload: json[2] as unknown};
	}

	return json;
}

function readPath(
	value: unknown,
	segments: Array<string | number>,
): {found: boolean; value?: unknown} {
	let current = value;
	for (const segment of segments) {
		if (typeof segment === 'number') {
			if (!Array.isArray(current) || segment >= current.length) {
				return {found: false};
			}

			current = current[segment] as unknown;
		} else if (
			typeof current === 'object' &&
			current !== null &&
			!Array.isArray(current) &&
			Object.hasOwn(current, segment)
		) {
			// The descriptor's value: a plain read, never a getter's call.
			current = Object.getOwnPropertyDescriptor(current, segment)
				?.value as unknown;
		} else {
			return {found: false};
		}
	}

	return {found: true, value: current};
}

function equals(field: unknown, value: string): boolean {
	if (typeof field === 'string') {
		return field === value;
	}

	if (typeof field === 'number') {
		return field === toNumber(value);
	}

	if (typeof field === 'boolean' || field === null) {
		return String(field) === value;
	}

	return false;
}

function toNumber(text: string): number | undefined {
	if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) {
		return undefined;
	}

	return Number(text);
}

/** A field as text for `~`: strings as they are, anything else as compact JSON. */
function fieldText(field: unknown): string {
	if (typeof field === 'string') {
		return field;
	}

	try {
		return JSON.stringify(field) ?? '';
	} catch {
		return '';
	}
}
