import {Box, Text} from 'ink';
import {formatBytes} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
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
		new Date(message.time).toLocaleTimeString(),
		message.direction,
		frame.kind,
		...(message.bytes > 0 ? [formatBytes(message.bytes)] : []),
	].join(' · ');
	const lines = frame.full.split('\n');
	const room = Math.max(1, height - 1);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule title="message" detail={`${summary} · ↑↓ other messages · Esc closes`} width={width} />
			<Box flexDirection="column" height={room} overflow="hidden">
				{lines.slice(0, room).map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={index} wrap="wrap">
						{line === '' ? ' ' : line}
					</Text>
				))}
			</Box>
		</Box>
	);
}
