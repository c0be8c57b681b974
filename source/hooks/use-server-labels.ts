import {useMemo} from 'react';

type LabelledServer = {
	readonly id: string;
	readonly entry: {readonly name?: string};
};

/**
Display names by server id. The same map while no id or name changes, though every snapshot brings
new row objects: the message pane, memoised, then redraws only for its own reasons.
*/
export function useServerLabels(
	servers: readonly LabelledServer[],
): ReadonlyMap<string, string> {
	const key = servers
		.map((server) => `${server.id}\u0000${server.entry.name ?? ''}`)
		.join('\n');
	return useMemo(
		() =>
			new Map(
				servers.map((server) => [server.id, server.entry.name ?? server.id]),
			),
		// The key stands for the servers' ids and names.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[key],
	);
}
