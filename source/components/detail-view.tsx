import {Box, Text} from 'ink';
import {type TextPattern} from '../core/query/text-pattern.js';
import {glyphs} from '../view/glyphs.js';
import {scrollWindow} from '../view/scroll-window.js';
import {ScrollHint} from './scroll-hint.js';
import {SectionRule} from './section-rule.js';
import {StyledText} from './styled-text.js';

type Props = {
	/**
	The message's rows (see `detailLines`), or undefined when it is no longer kept. Kept SGR in a row
	is drawn as colour; each row carries the style the rows before it set (see `carrySgr`).
	*/
	readonly lines?: readonly string[];
	/** Server, time, direction, kind and size (see `detailSummary`). */
	readonly summary: string;
	readonly width: number;
	readonly height: number;
	/** Rows scrolled past at the top. */
	readonly offset: number;
	/** `/find`: its matches show inverse here too. */
	readonly find?: TextPattern;
};

const {upDown, leftRight} = glyphs.arrows;

/** One message in full: JSON pretty-printed, wrapped by cells, scrolled with ↑/↓ PgUp/PgDn Home/End. */
export function DetailView({
	lines,
	summary,
	width,
	height,
	offset,
	find,
}: Props) {
	if (!lines) {
		return (
			<Box flexDirection="column" width={width} height={height}>
				<SectionRule title="message" detail="Esc closes" width={width} />
				<Text dimColor> That message is no longer kept (scrollback).</Text>
			</Box>
		);
	}

	// The rule takes one row; the rest shows the message, its last row a hint when it does not fit.
	const view = scrollWindow(lines.length, Math.max(1, height - 1), offset);
	const keys = `${view.hasHint ? `${upDown} scroll · ` : ''}${leftRight} other messages · y/Y copies · Esc closes`;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule
				title="message"
				detail={`${keys} · ${summary}`}
				width={width}
			/>
			{lines.slice(view.start, view.end).map((line, index) => (
				// Rows are positions in a fixed list: the index is their identity.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={view.start + index} wrap="truncate-end">
					{line === '' ? ' ' : <StyledText text={line} pattern={find} />}
				</Text>
			))}
			<ScrollHint view={view} unit="lines" />
		</Box>
	);
}
