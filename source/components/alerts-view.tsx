import {Box, Text} from 'ink';
import {screenText} from '../view/glyphs.js';
import {scrollWindow} from '../view/scroll-window.js';
import {ScrollHint} from './scroll-hint.js';
import {SectionRule} from './section-rule.js';

type Props = {
	/** The list's rows, newest first, already worded and sanitised (view/alert-text.ts). */
	readonly rows: readonly string[];
	readonly width: number;
	readonly height: number;
	/** Rows scrolled past at the top. */
	readonly offset: number;
	/** The rule's note: how many fired, how many held back. */
	readonly detail: string;
};

/** What `/alerts` opens: every alert kept, newest first; scrolls and closes like help. */
export function AlertsView({rows, width, height, offset, detail}: Props) {
	const view = scrollWindow(rows.length, Math.max(1, height - 1), offset);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule title="alerts" detail={detail} width={width} />
			{rows.slice(view.start, view.end).map((row, index) => (
				// Rows are positions in a list fixed while it is open: the index is their identity.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={view.start + index} wrap="truncate-end">
					{' '}
					{screenText(row)}
				</Text>
			))}
			<ScrollHint view={view} unit="entries" />
		</Box>
	);
}
