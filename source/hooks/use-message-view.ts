import {useEffect, useMemo, useRef, useState} from 'react';
import {type MessageRecord} from '../core/messages/record.js';
import {frameBudget, idleSliceMs, matchSliceMs} from '../view/match-budget.js';
import {
	messageWindow,
	scanMessages,
	type MessageWindow,
} from '../view/message-window.js';
import {type ServerEntry} from '../core/registry/schema.js';
import {hostLookup} from '../view/host-names.js';
import {type UiState} from '../view/ui-state.js';

export type MessageView = MessageWindow & {
	/** The seqs of every message that passes the filter, oldest first. */
	seqs: readonly number[];
	/** The seqs among them that match `/find`. */
	matchSeqs: readonly number[];
	/** Kept messages the filter hides. */
	hidden: number;
	/** Messages the filter or search has not tested yet: the counts are still growing. */
	pending: number;
	/** The current match's place among `matchSeqs` (1-based), when there is one. */
	matchIndex?: number;
	/** The time of the line before the first shown, for `+Δ` stamps. */
	previousTime?: number;
};

/** When a scan is left unfinished and no new snapshot comes, the next slice runs this much later. */
const nextSliceMs = 50;

/**
Messages that changed this recently mean the store is live: its next flush brings the next slice, and
a timer would only add frames (under a loaded machine flushes come slower than every 50 ms, and a
frame of our own between them cost the flood more than the matching did).
*/
const liveMs = 250;

/**
What the message pane shows of the kept messages: the filter, the search, the window. Filtering and
searching spend a bounded slice per frame (see match-budget.ts); what is left is tested in the next
frames, which a timer brings when the store has nothing new to show.
*/
export function useMessageView(
	messages: readonly MessageRecord[],
	ui: UiState,
	rows: number,
	servers: ReadonlyArray<{id: string; entry: Pick<ServerEntry, 'hostId'>}> = [],
): MessageView {
	const colour = !ui.ansiOff;
	// Remade only when a server's machine changes, not on every snapshot.
	const hostKey = servers
		.map((server) => `${server.id}\u0000${server.entry.hostId ?? ''}`)
		.join('\n');
	// eslint-disable-next-line react-hooks/exhaustive-deps
	const hostOf = useMemo(() => hostLookup(servers), [hostKey]);
	// Set by the timer that goes on with an unfinished scan, with the messages it had.
	const [resumed, setResumed] = useState<{
		messages: readonly MessageRecord[];
	}>();
	// The same messages as the scan before: nothing new is coming in, so a longer slice.
	const quiet = resumed?.messages === messages;
	const scan = useMemo(
		() =>
			scanMessages(
				messages,
				{filter: ui.filter, find: ui.find, colour, show: ui.show, hostOf},
				{
					budget: frameBudget({ms: quiet ? idleSliceMs : matchSliceMs}),
					fromSeq: ui.anchorSeq,
					rows,
				},
			),
		// `resumed` asks for the next slice of an unfinished scan.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[
			messages,
			ui.filter,
			ui.find,
			colour,
			hostOf,
			ui.show,
			ui.anchorSeq,
			rows,
			quiet,
			resumed,
		],
	);
	const changedAt = useRef(0);
	useEffect(() => {
		changedAt.current = performance.now();
	}, [messages]);
	useEffect(() => {
		if (scan.pending === 0) {
			return;
		}

		// A new snapshot re-renders first and clears this timer.
		let timer: NodeJS.Timeout | undefined;
		const next = () => {
			timer = setTimeout(() => {
				if (performance.now() - changedAt.current < liveMs) {
					next();
				} else {
					setResumed({messages});
				}
			}, nextSliceMs);
		};

		next();
		return () => {
			clearTimeout(timer);
		};
	}, [scan, messages]);
	const {matching, matchSeqs} = scan;
	const seqs = useMemo(
		() => matching.map((message) => message.seq),
		[matching],
	);
	const index = ui.findSeq === undefined ? -1 : matchSeqs.indexOf(ui.findSeq);
	// The same window object (and lines) while nothing it is made of changes, for the memoised pane.
	const window = useMemo(
		() => messageWindow(matching, ui.anchorSeq, rows),
		[matching, ui.anchorSeq, rows],
	);
	return {
		...window,
		seqs,
		matchSeqs,
		hidden: scan.hidden,
		pending: scan.pending,
		matchIndex: index === -1 ? undefined : index + 1,
		previousTime: matching[window.start - 1]?.time,
	};
}
