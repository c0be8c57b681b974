// The JSON shapes that get a line of their own: channel frames (seeds/003), typed objects (seeds/000).

/** `[topic, event, payload]` with a string topic and event. */
export function isChannel(value: unknown): value is [string, string, unknown] {
	return (
		Array.isArray(value) &&
		value.length === 3 &&
		typeof value[0] === 'string' &&
		typeof value[1] === 'string'
	);
}

/** An object with a string `type` field. */
export function isTyped(value: unknown): value is {type: string} {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as {type?: unknown}).type === 'string'
	);
}

/** The rest of a typed object, for its preview. */
export function withoutType({
	type,
	...rest
}: {
	type: string;
}): Record<string, unknown> {
	return rest;
}
