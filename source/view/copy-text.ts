import {formatBytes} from '../core/format.js';
import {type MessageRecord} from '../core/messages/record.js';
import {sanitize} from '../core/messages/sanitize.js';
import {type ClipboardCopy} from '../terminal/clipboard.js';

const jsonKinds = new Set(['json', 'channel', 'typed']);

/**
What copying a message puts on the clipboard: its kept text, JSON compact (`pretty` false) or
pretty-printed. Inert, as the detail view shows it: line breaks kept, every other control escaped,
so pasting it into a shell or an editor runs nothing.
*/
export function copyText(record: MessageRecord, pretty: boolean): string {
	const {kind, full} = record.decoded();
	if (pretty || !jsonKinds.has(kind)) {
		return full;
	}

	try {
		// Parsing turns escapes the sanitiser wrote (`\u202E`) back into characters: sanitise again.
		return sanitize(JSON.stringify(JSON.parse(full)), {multiline: true});
	} catch {
		// JSON cut by the kept-bytes bound is shown (and copied) as it came.
		return full;
	}
}

/** `copied 412 B`, or `copied 73 KiB of 1.2 MiB (terminals cap OSC 52)`. */
export function describeCopy(copy: ClipboardCopy): string {
	return copy.copiedBytes === copy.totalBytes
		? `copied ${formatBytes(copy.copiedBytes)}`
		: `copied ${formatBytes(copy.copiedBytes)} of ${formatBytes(copy.totalBytes)} (terminals cap OSC 52)`;
}
