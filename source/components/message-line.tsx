import {Text} from 'ink';
import {memo} from 'react';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MessageRecord} from '../core/messages/record.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {eventColor} from '../view/event-text.js';
import {glyphs, screenText} from '../view/glyphs.js';
import {paint} from '../view/color-mode.js';
import {serverColor} from '../view/server-colors.js';
import {fitCell} from '../view/table-columns.js';
import {StyledText} from './styled-text.js';

type Props = {
	readonly message: MessageRecord;
	/** Cells for the server label. */
	/** The server's display name (its registry `name`, else its id). */
	readonly label: string;
	readonly labelWidth: number;
	/** The time stamp (see `timeStamp`); '' shows none. */
	readonly stamp: string;
	/** `/find`: its matches show inverse. */
	readonly find?: TextPattern;
	/** Draw the SGR colours a server sent (`/ansi on`); off shows them as escaped text. */
	readonly isColourShown: boolean;
	/** `/show`: the projection to draw instead of the message's text. */
	readonly shown?: string;
};

const directionGlyphs = glyphs.direction;

/** One message: time, server (its own colour), direction, and the text cut to the pane's width. */
function MessageLineView({
	message,
	label,
	labelWidth,
	stamp,
	find,
	isColourShown,
	shown,
}: Props) {
	const frame =
		isColourShown && message.styled ? message.styled() : message.decoded();
	const preview = screenText(shown ?? frame.preview);
	const isSystem = message.direction === 'system';
	return (
		<Text wrap="truncate-end">
			{stamp === '' ? '' : <Text dimColor>{stamp} </Text>}
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
				<Text color={paint(eventColor(message.event))}>
					<StyledText text={preview} pattern={find} />
				</Text>
			) : (
				<StyledText text={preview} pattern={find} />
			)}
		</Text>
	);
}

/** Lines do not change once written: re-rendered only when scrolled in or out. */
export const MessageLine = memo(MessageLineView);
