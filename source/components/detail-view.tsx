import {Box, Text} from 'ink';
import {formatBytes} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
import {formatClock} from '../view/clock.js';
import {SectionRule} from './section-rule.js';

type Props = {
	readonly message?: MessageRecord;
	readonly width: number;
	readonly height: number;
};

/** One message in full: JSON pretty-printed, long lines wrapped. */
export function DetailView({message, width, height}: Props) {
	if (!message) {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<SectionRule title="message" detail="Esc closes" width={width} />
				<Text dimColor> That message is no longer kept (scrollback).</Text>
			</Box>
		);
	}

	const frame = message.decoded();
	const summary = [
		sanitizeLabel(message.serverId, 40),
		formatClock(message.time),
		message.direction,
		frame.kind,
		...(message.bytes > 0 ? [formatBytes(message.bytes)] : []),
	].join(' · ');
	// One row for the rule, one kept for the "more lines" note.
	const room = Math.max(1, height - 2);
	const lines = hardWrap(frame.full, Math.max(1, width));
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule
				title="message"
				detail={`${summary} · ↑↓ other messages · Esc closes`}
				width={width}
			/>
			<Box flexDirection="column" height={room} overflow="hidden">
				{lines.slice(0, room).map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} wrap="truncate-end">
						{line === '' ? ' ' : line}
					</Text>
				))}
				{lines.length > room ? (
					<Text
						dimColor
					>{`… ${lines.length - room + 1} more lines (/save writes it all)`}</Text>
				) : null}
			</Box>
		</Box>
	);
}

/** Breaks text into rows of at most `width` characters, so every row is exactly one line on screen. */
function hardWrap(text: string, width: number): string[] {
	const rows: string[] = [];
	for (const line of text.split('\n')) {
		const characters = [...line];
		if (characters.length === 0) {
			rows.push('');
		}

		for (let start = 0; start < characters.length; start += width) {
			rows.push(characters.slice(start, start + width).join(''));
		}
	}

	return rows;
}
