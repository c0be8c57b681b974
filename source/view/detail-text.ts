import {formatBytes} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
import {timeStamp, type TimeMode} from './time-stamps.js';
import {screenText} from './glyphs.js';
import {carrySgr} from './sgr-rows.js';
import {wrapCells} from './wrap-cells.js';

/**
The whole message (JSON pretty-printed) in rows of the screen's width, wrapped by cells. With
`colour`, a server's SGR sequences are kept (they take no cells), each row starting with the style
the rows before it left on.
*/
export function detailLines(
	message: MessageRecord,
	width: number,
	colour = false,
): string[] {
	if (colour && message.styled) {
		const {full} = message.styled();
		const rows = wrapCells(screenText(full), width);
		return full.includes('\u001B') ? carrySgr(rows) : rows;
	}

	return wrapCells(screenText(message.decoded().full), width);
}

/** `server · 12:01:03 · in · json · 2.1 KiB`: what the detail view's rule says about the message. */
export function detailSummary(
	message: MessageRecord,
	mode: TimeMode = 'clock',
): string {
	return screenText(
		[
			sanitizeLabel(message.serverId, 40),
			// The detail view has room for milliseconds; `+Δ` and off still say when it came.
			timeStamp(
				mode === 'millis' ? 'millis' : 'clock',
				message.time,
				undefined,
			),
			message.direction,
			message.decoded().kind,
			...(message.bytes > 0 ? [formatBytes(message.bytes)] : []),
		].join(' · '),
	);
}
