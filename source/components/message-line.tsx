import {Text} from 'ink';
import {memo} from 'react';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
import {formatClock} from '../view/clock.js';
import {eventColor} from '../view/event-text.js';
import {glyphs, screenText} from '../view/glyphs.js';
import {paint} from '../view/color-mode.js';
import {serverColor} from '../view/server-colors.js';
import {fitCell} from '../view/table-columns.js';

type Props = {
	readonly message: MessageRecord;
	/** Cells for the server label. */
	/** The server's display name (its registry `name`, else its id). */
	readonly label: string;
	readonly labelWidth: number;
	readonly isTimeShown: boolean;
};

const directionGlyphs = glyphs.direction;

/** One message: time, server (its own colour), direction, and the text cut to the pane's width. */
function MessageLineView({message, label, labelWidth, isTimeShown}: Props) {
	const preview = screenText(message.decoded().preview);
	const isSystem = message.direction === 'system';
	return (
		<Text wrap="truncate-end">
			{isTimeShown ? <Text dimColor>{formatClock(message.time)} </Text> : ''}
			<Text color={paint(serverColor(message.serverId))}>
				{fitCell(screenText(sanitizeLabel(label, 200)), labelWidth)}
			</Text>{' '}
			<Text
				color={paint(
					isSystem
						? 'yellow'
						: message.direction === 'out'
							? 'cyan'
							: undefined,
				)}
				dimColor={message.direction === 'in'}
			>
				{directionGlyphs[message.direction]}
			</Text>{' '}
			{isSystem ? (
				<Text color={paint(eventColor(message.event))}>{preview}</Text>
			) : (
				preview
			)}
		</Text>
	);
}

/** Lines do not change once written: re-rendered only when scrolled in or out. */
export const MessageLine = memo(MessageLineView);
