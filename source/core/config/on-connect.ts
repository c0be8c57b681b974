import {globMatches} from './glob.js';

export type OnConnectRule = {servers: string; send: readonly string[]};

/**
The messages to send when server `id` (re)connects: those of every rule whose glob matches it, in
the file's order. The generalisation of `--subscribe` (which sends `[topic, "subscribe", {}]` to
every server): any text, to the servers a pattern picks.
*/
export function greetingsFor(
	rules: readonly OnConnectRule[],
): ((id: string) => string[]) | undefined {
	if (rules.length === 0) {
		return undefined;
	}

	return (id) =>
		rules
			.filter((rule) => globMatches(rule.servers, id))
			.flatMap((rule) => rule.send);
}
