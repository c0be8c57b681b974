/**
How much matching one frame may do. A filter's text terms and `/find` decode each record they test,
and under a flood the whole scrollback is new every flush: testing all of it before drawing halved
the ingest rate and made keys wait. Each frame tests what its budget allows, the answers are kept
(record-match.ts), and the next frame goes on where it stopped.
*/
export type MatchBudget = {
	/** Asks to test one more record; false once the slice is spent (and from then on). */
	take(): boolean;
};

/** A frame's slice of matching, in ms, when the store brought new messages: a few percent of the 50 ms between flushes. */
export const matchSliceMs = 4;

/** The slice when nothing new came: the screen is quiet, the count can catch up faster. */
export const idleSliceMs = 12;

export type BudgetOptions = {
	/** Time the frame may spend testing records. */
	ms: number;
	/** At most this many tests, whatever the time (tests use it to be exact). */
	maxTests?: number;
	now?: () => number;
};

/** A budget for one frame. The first test is always allowed, so every frame moves on. */
export function frameBudget({
	ms,
	maxTests = Number.POSITIVE_INFINITY,
	now = () => performance.now(),
}: BudgetOptions): MatchBudget {
	const deadline = now() + ms;
	let spent = 0;
	let done = false;
	return {
		take() {
			if (done || spent >= maxTests || (spent > 0 && now() >= deadline)) {
				done = true;
				return false;
			}

			spent++;
			return true;
		},
	};
}

/** No limit: commands that need every answer at once (`/save` with a filter). */
export const unlimited: MatchBudget = {take: () => true};
