import {type MessageRecord} from '../core/messages/record.js';
import {anchorIndex, type MessageFilter} from './ui-state.js';

export type MessageWindow = {
	/** Every message that passes the filter, oldest first. */
	matching: readonly MessageRecord[];
	/** The ones on screen. */
	lines: readonly MessageRecord[];
	following: boolean;
	/** Matching messages below the window. */
	newCount: number;
};

export function filterMessages(
	messages: readonly MessageRecord[],
	filter: MessageFilter,
): readonly MessageRecord[] {
	if (filter.server === undefined && filter.text === undefined) {
		return messages;
	}

	const text = filter.text?.toLowerCase();
	return messages.filter(
		(message) =>
			(filter.server === undefined || message.serverId === filter.server) &&
			(text === undefined ||
				message.decoded().preview.toLowerCase().includes(text)),
	);
}

/** The `height` lines ending at the anchor (or at the newest line when following). */
export function messageWindow(
	matching: readonly MessageRecord[],
	anchorSeq: number | undefined,
	height: number,
): MessageWindow {
	if (anchorSeq === undefined || matching.length === 0) {
		return {
			matching,
			lines: matching.slice(-height),
			following: true,
			newCount: 0,
		};
	}

	const seqs = matching.map((message) => message.seq);
	const bottom = anchorIndex(seqs, anchorSeq);
	const start = Math.max(0, bottom + 1 - height);
	return {
		matching,
		lines: matching.slice(
			start,
			Math.max(bottom + 1, Math.min(matching.length, start + height)),
		),
		following: false,
		newCount: matching.length - 1 - bottom,
	};
}
