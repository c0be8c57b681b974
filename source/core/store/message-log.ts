import {retainedBytes, type MessageRecord} from '../messages/record.js';
import {RingBuffer} from '../messages/ring-buffer.js';

export type MessageLog = {
	/** Messages pushed ever, and evicted by the scrollback bounds. */
	readonly total: number;
	readonly dropped: number;
	push(record: MessageRecord): void;
	/** Counts `count` messages received elsewhere and never handed over as dropped (see RingBuffer.skip). */
	skip(count: number): void;
	/**
	The kept messages, oldest first, each owning its bytes. The same array while nothing was pushed
	or cleared, so the view's memos hold across a flush for a pong or a state change.
	*/
	list(): readonly MessageRecord[];
	clear(): void;
};

/** The scrollback: the last `count` messages, within `maxBytes`. */
export function createMessageLog(count: number, maxBytes: number): MessageLog {
	const ring = new RingBuffer<MessageRecord>(count, {
		maxBytes,
		sizeOf: retainedBytes,
	});
	// Frames pushed since the last `list` still share the socket's buffers; see `settleNewest`.
	let unsettled = 0;
	let messages: MessageRecord[] = [];
	let messagesTotal = 0;

	/** The newest records that survived in the scrollback get their own copy of their bytes. */
	const settleNewest = () => {
		const settling = Math.min(unsettled, ring.length);
		unsettled = 0;
		for (let back = 1; back <= settling; back++) {
			ring.at(ring.length - back)?.settle?.();
		}
	};

	return {
		push(record) {
			ring.push(record);
			unsettled++;
		},
		skip(count) {
			ring.skip(count);
		},
		list() {
			settleNewest();
			if (ring.total !== messagesTotal || ring.length !== messages.length) {
				messages = ring.toArray();
				messagesTotal = ring.total;
			}

			return messages;
		},
		clear() {
			ring.clear();
		},
		get total() {
			return ring.total;
		},
		get dropped() {
			return ring.dropped;
		},
	};
}
