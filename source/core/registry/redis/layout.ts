/*
The Redis layout of a team registry, the contract for writers in any language (the readme repeats
it): one string key per server, `<prefix>:server:<id>`, holding its entry as JSON (the registry
format) with a TTL, the lease, refreshed by its writer; and a pub/sub channel, `<prefix>:changes`,
on which a writer publishes the id after every write or delete. Readers load with SCAN and then
follow the channel; the channel carries only ids, so a reader always reads the key itself and a
lost or reordered announcement can never leave a wrong entry.
*/

/** How long an entry lives without a refresh, in ms. */
export const defaultLeaseMs = 15_000;
/** How often a writer refreshes its lease, in ms; a third of the lease, so two refreshes may fail. */
export const defaultRefreshMs = 5000;

export function serverKey(prefix: string, id: string): string {
	return `${prefix}:server:${id}`;
}

/** SCAN's MATCH pattern; the prefix is checked to hold no glob characters (location.ts). */
export function serverKeyPattern(prefix: string): string {
	return `${prefix}:server:*`;
}

export function changesChannel(prefix: string): string {
	return `${prefix}:changes`;
}

/** The id in a server key, or undefined for a key that is not one. */
export function idOfKey(prefix: string, key: string): string | undefined {
	const head = `${prefix}:server:`;
	return key.startsWith(head) && key.length > head.length
		? key.slice(head.length)
		: undefined;
}
