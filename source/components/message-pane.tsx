import {Box, Text} from 'ink';
import {type MessageRecord} from '../core/messages/record.js';
import {screenText} from '../view/glyphs.js';
import {type MessageFilter} from '../view/ui-state.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {MessageLine} from './message-line.js';
import {SectionRule} from './section-rule.js';

type Props = {
	/** The lines to show, oldest first, already cut to the window. */
	readonly lines: readonly MessageRecord[];
	/** Display names by server id; ids without one are shown as they are. */
	readonly labels: ReadonlyMap<string, string>;
	readonly width: number;
	readonly height: number;
	readonly isFollowing: boolean;
	/** Lines below the window while paused. */
	readonly newCount: number;
	readonly filter: MessageFilter;
	/** Messages dropped by the scrollback bound so far. */
	readonly dropped: number;
};

/** The scrolling pane: follows new messages, or stays put while scrolled back and counts what is new. */
export function MessagePane({
	lines,
	labels,
	width,
	height,
	isFollowing,
	newCount,
	filter,
	dropped,
}: Props) {
	const labelWidth = width >= 100 ? 16 : width >= 72 ? 12 : 9;
	const parts = [
		filter.server === undefined
			? 'all'
			: `@${sanitizeLabel(filter.server, 40)}`,
		...(filter.text === undefined
			? []
			: [`"${sanitizeLabel(filter.text, 40)}"`]),
		isFollowing
			? 'following'
			: `paused${newCount > 0 ? ` · ${newCount} new` : ''} · End resumes`,
		...(dropped > 0 ? [`${dropped} older dropped`] : []),
	];
	return (
		<Box flexDirection="column" width={width}>
			<SectionRule title="messages" detail={parts.join(' · ')} width={width} />
			<Box flexDirection="column" height={height} overflowY="hidden">
				{lines.length === 0 ? (
					<Text dimColor wrap="truncate-end">
						{screenText(
							filter.server === undefined && filter.text === undefined
								? ' waiting for messages…'
								: ' no messages match the filter (/filter clears it)',
						)}
					</Text>
				) : (
					lines.map((message) => (
						<MessageLine
							key={message.seq}
							message={message}
							label={labels.get(message.serverId) ?? message.serverId}
							labelWidth={labelWidth}
							isTimeShown={width >= 50}
						/>
					))
				)}
			</Box>
		</Box>
	);
}
