import {formatBytes} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
import {timeStamp, type TimeMode} from './time-stamps.js';
import {screenText} from './glyphs.js';
import {wrapCells} from './wrap-cells.js';

/** The whole message (JSON pretty-printed) in rows of the screen's width, wrapped by cells. */
export function detailLines(message: MessageRecord, width: number): string[] {
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
