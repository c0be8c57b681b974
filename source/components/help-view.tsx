import {Box, Text} from 'ink';
import {glyphs, screenText} from '../view/glyphs.js';
import {scrollWindow} from '../view/scroll-window.js';
import {paint} from '../view/color-mode.js';
import {helpRows, keyHints} from '../view/commands/docs.js';
import {ScrollHint} from './scroll-hint.js';
import {SectionRule} from './section-rule.js';

type Props = {
	readonly width: number;
	readonly height: number;
	/** Rows scrolled past at the top. */
	readonly offset: number;
};

/** Every row, written from the command table (view/commands/table.ts). */
export const rows = helpRows(glyphs.arrows);

const keyWidth = Math.max(...rows.map(({label}) => label.length)) + 2;

/** The keys an overlay takes, for its rule: `↑↓ PgUp/PgDn scroll · Esc closes`. */
const [scrollHint, ...closeHints] = keyHints(glyphs.arrows, {
	overlay: true,
}).map(({keys, label}) => `${keys} ${label}`);

/** Every key and slash command; scrolls with ↑/↓, PgUp/PgDn, Home/End when they do not all fit. */
export function HelpView({width, height, offset}: Props) {
	const view = scrollWindow(rows.length, Math.max(1, height - 1), offset);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule
				title="help"
				detail={[...(view.hasHint ? [scrollHint] : []), ...closeHints].join(
					' · ',
				)}
				width={width}
			/>
			{rows.slice(view.start, view.end).map(({label, text, command}, index) => (
				// Rows are positions in a fixed list: the index is their identity.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={view.start + index} wrap="truncate-end">
					{' '}
					<Text bold color={paint(command ? 'cyan' : undefined)}>
						{label.padEnd(keyWidth)}
					</Text>
					{text === '' ? ' ' : screenText(text)}
				</Text>
			))}
			<ScrollHint view={view} unit="entries" />
		</Box>
	);
}
