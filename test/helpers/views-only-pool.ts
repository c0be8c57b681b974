import {type ConnectionPool} from '../../source/core/connections/pool.js';
import {type ServerView} from '../../source/core/connections/types.js';
import {type RegistrySource} from '../../source/core/registry/watch.js';

// For tests of when the store publishes, which is a matter of time alone: they run on fake timers,
// where a real socket cannot be driven, so the store gets an empty registry and a pool that only
// holds views.

export const emptyRegistry: RegistrySource = {
	current: () => ({
		path: '/tmp/servers.json',
		servers: [],
		warnings: [],
		file: 'ok',
	}),
	subscribe: () => () => undefined,
	close: async () => undefined,
};

const noop = () => undefined;

/** A pool whose servers are whatever `views` returns; it connects and sends nothing. */
export function viewsOnlyPool(views: () => ServerView[]): ConnectionPool {
	return {
		reconcile: noop,
		servers: views,
		send: async () => [],
		subscribe: async () => [],
		unsubscribe: async () => [],
		topics: () => [],
		pause: noop,
		pauseOne: noop,
		resume: noop,
		close: noop,
	};
}
