import {type ServerView} from '../connections/types.js';

/** What a view looked like when it was last posted: enough to tell whether it changed since. */
type Posted = {
	entry: ServerView['entry'];
	state: ServerView['state'];
	messagesIn: number;
	bytesIn: number;
	messagesOut: number;
	bytesOut: number;
	rttMs: number | undefined;
};

/**
Which servers changed since the last post, so the worker posts only those: with 1 000 quiet servers
a heartbeat's round trip changes one of them at a time, and cloning all 1 000 for it each time
would be most of the idle cost. The pool replaces an entry or a state as a whole when it changes
and counts in place, so identity tells the first two and the numbers the rest.
*/
export function createViewChanges() {
	let posted = new Map<string, Posted>();
	let postedIds: string[] = [];

	return {
		/** The views that changed and, when servers came or went, every id in registry order. */
		take(views: readonly ServerView[]): {
			changed: ServerView[];
			ids?: string[];
		} {
			const next = new Map<string, Posted>();
			const changed: ServerView[] = [];
			let membership = views.length !== postedIds.length;
			for (const [index, view] of views.entries()) {
				if (!membership && postedIds[index] !== view.id) {
					membership = true;
				}

				const {counters} = view;
				const before = posted.get(view.id);
				const now: Posted = {
					entry: view.entry,
					state: view.state,
					messagesIn: counters.messagesIn,
					bytesIn: counters.bytesIn,
					messagesOut: counters.messagesOut,
					bytesOut: counters.bytesOut,
					rttMs: counters.rttMs,
				};
				next.set(view.id, now);
				if (differs(before, now)) {
					changed.push(view);
				}
			}

			posted = next;
			if (!membership) {
				return {changed};
			}

			postedIds = views.map((view) => view.id);
			return {changed, ids: postedIds};
		},
	};
}

function differs(before: Posted | undefined, now: Posted): boolean {
	if (before === undefined) {
		return true;
	}

	return (
		before.entry !== now.entry ||
		before.state !== now.state ||
		before.messagesIn !== now.messagesIn ||
		before.bytesIn !== now.bytesIn ||
		before.messagesOut !== now.messagesOut ||
		before.bytesOut !== now.bytesOut ||
		before.rttMs !== now.rttMs
	);
}
