import {useMemo} from 'react';
import {type MessageRecord} from '../core/messages/record.js';
import {
	filterMessages,
	findMatches,
	messageWindow,
	type MessageWindow,
} from '../view/message-window.js';
import {type UiState} from '../view/ui-state.js';

export type MessageView = MessageWindow & {
	/** The seqs of every message that passes the filter, oldest first. */
	seqs: readonly number[];
	/** The seqs among them that match `/find`. */
	matchSeqs: readonly number[];
	/** Kept messages the filter hides. */
	hidden: number;
	/** The current match's place among `matchSeqs` (1-based), when there is one. */
	matchIndex?: number;
	/** The time of the line before the first shown, for `+Δ` stamps. */
	previousTime?: number;
};

/** What the message pane shows of the kept messages: the filter, the search, the window. */
export function useMessageView(
	messages: readonly MessageRecord[],
	ui: UiState,
	rows: number,
): MessageView {
	const matching = useMemo(
		() => filterMessages(messages, ui.filter),
		[messages, ui.filter],
	);
	const seqs = useMemo(
		() => matching.map((message) => message.seq),
		[matching],
	);
	const matchSeqs = useMemo(
		() => findMatches(matching, ui.find),
		[matching, ui.find],
	);
	const index = ui.findSeq === undefined ? -1 : matchSeqs.indexOf(ui.findSeq);
	const window = messageWindow(matching, ui.anchorSeq, rows);
	return {
		...window,
		seqs,
		matchSeqs,
		hidden: messages.length - matching.length,
		matchIndex: index === -1 ? undefined : index + 1,
		previousTime: matching[window.start - 1]?.time,
	};
}
