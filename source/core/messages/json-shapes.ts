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

/**
A JSON value as queries read it (`/filter` fields, `/show`, `--show`): a channel frame
`[topic, event, payload]` as `{topic, event, payload}`, which is how the pane shows it; anything
else as it is.
*/
export function queryView(json: unknown): unknown {
	return isChannel(json)
		? {topic: json[0], event: json[1], payload: json[2]}
		: json;
}
