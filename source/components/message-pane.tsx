import {Box, Text} from 'ink';
import {memo} from 'react';
import {type MessageRecord} from '../core/messages/record.js';
import {type MessageFilter} from '../core/query/filter.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {screenText} from '../view/glyphs.js';
import {groupDigits} from '../view/highlight.js';
import {type MessageShow, shownLine} from '../view/record-show.js';
import {timeStamp, type TimeMode} from '../view/time-stamps.js';
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
	/** `/filter`, and how many kept lines it hides. */
	readonly filter?: MessageFilter;
	readonly hidden: number;
	/** `/find`, how many lines match, and which of them is current (1-based), if one is. */
	readonly find?: TextPattern;
	readonly matchCount: number;
	readonly matchIndex?: number;
	/** Kept lines the filter or search has not tested yet: the counts above are still growing. */
	readonly pending?: number;
	readonly timeMode: TimeMode;
	/** Draw servers' SGR colours (`/ansi`); off shows them as escaped text. */
	readonly isColourShown?: boolean;
	/** `/show`: JSON messages it applies to show its projection. */
	readonly show?: MessageShow;
	/** The time of the line before the first shown, for `+Δ` stamps. */
	readonly previousTime?: number;
	/** Messages dropped by the scrollback bound so far. */
	readonly dropped: number;
};

/** The scrolling pane: follows new messages, or stays put while scrolled back and counts what is new. */
function MessagePaneView({
	lines,
	labels,
	width,
	height,
	isFollowing,
	newCount,
	filter,
	hidden,
	find,
	matchCount,
	matchIndex,
	pending = 0,
	timeMode,
	previousTime,
	dropped,
	isColourShown = true,
	show,
}: Props) {
	const labelWidth = width >= 100 ? 16 : width >= 72 ? 12 : 9;
	// A long filter is cut so the search's count after it still fits a narrow rule.
	const labelRoom = width >= 100 ? 40 : width >= 72 ? 20 : 6;
	const parts = [
		filter === undefined
			? 'all'
			: `filter ${sanitizeLabel(filter.label, labelRoom)} · ${groupDigits(hidden)} hidden`,
		...(find === undefined
			? []
			: [
					`find ${sanitizeLabel(find.label, Math.max(8, labelRoom / 2))} · ${matchIndex === undefined ? `${groupDigits(matchCount)} ${matchCount === 1 ? 'match' : 'matches'}` : `${matchIndex}/${groupDigits(matchCount)}`}`,
				]),
		...(show === undefined
			? []
			: [`show ${sanitizeLabel(show.label, Math.max(8, labelRoom / 2))}`]),
		isFollowing
			? 'following'
			: `paused${newCount > 0 ? ` · ${newCount} new` : ''} · End resumes`,
		...(dropped > 0 ? [`${dropped} older dropped`] : []),
		// Matching runs in slices per frame (match-budget.ts): the screen never waits for the counts,
		// which grow until this goes. Last: a narrow rule cuts it before the state of the pane.
		...(pending > 0 ? ['counting…'] : []),
	];
	const isTimeShown = width >= 50 && timeMode !== 'off';
	return (
		<Box flexDirection="column" width={width}>
			<SectionRule title="messages" detail={parts.join(' · ')} width={width} />
			<Box flexDirection="column" height={height} overflowY="hidden">
				{lines.length === 0 ? (
					<Text dimColor wrap="truncate-end">
						{screenText(
							filter === undefined
								? ' waiting for messages…'
								: ' no messages match the filter (/filter clears it)',
						)}
					</Text>
				) : (
					lines.map((message, index) => (
						<MessageLine
							key={message.seq}
							message={message}
							label={labels.get(message.serverId) ?? message.serverId}
							labelWidth={labelWidth}
							stamp={
								isTimeShown
									? timeStamp(
											timeMode,
											message.time,
											index === 0 ? previousTime : lines[index - 1]!.time,
										)
									: ''
							}
							find={find}
							isColourShown={isColourShown}
							shown={show ? shownLine(show, message) : undefined}
						/>
					))
				)}
			</Box>
		</Box>
	);
}

// Redrawn only when its props change: an idle screen redraws for the uptimes, not for this.
export const MessagePane = memo(MessagePaneView);
