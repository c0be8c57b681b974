import {Box, Text} from 'ink';
import {glyphs, screenText} from '../view/glyphs.js';
import {scrollWindow} from '../view/scroll-window.js';
import {paint} from '../view/color-mode.js';
import {slashCommands} from '../view/slash-commands.js';
import {ScrollHint} from './scroll-hint.js';
import {SectionRule} from './section-rule.js';

type Props = {
	readonly width: number;
	readonly height: number;
	/** Rows scrolled past at the top. */
	readonly offset: number;
};

const {up, down, left, right, upDown, leftRight} = glyphs.arrows;

export const keyBindings = [
	['Enter', 'send the line to the target (every connected server by default)'],
	['Tab / Shift+Tab', 'cycle the target: all → each server → all'],
	[`${up} / ${down}`, 'previous / next line from history'],
	[
		`${left} / ${right}, ^A / ^E`,
		'move in the line; ^W deletes a word, ^U the line',
	],
	['PgUp / PgDn', 'scroll messages (pauses following)'],
	['Home / End', 'oldest message / follow new messages again'],
	[
		'^O',
		`open the newest visible message in full (${upDown} scrolls it, ${leftRight} or p/n other messages)`,
	],
	['?', 'this help (on an empty line)'],
	[
		'paste',
		'goes into the line as text (line breaks and tabs kept); Enter sends it',
	],
	['Esc', 'close help or detail (any other key closes it and acts)'],
	['^Z', 'suspend (the terminal is restored); fg brings it back'],
	['^C', 'clear the line; on an empty line, quit'],
] as const;

type HelpRow = {label: string; text: string; command: boolean};

/** Every key, then every slash command: the rows the help view scrolls through. */
export function helpRows(): HelpRow[] {
	return [
		...keyBindings.map(([label, text]) => ({label, text, command: false})),
		{label: '', text: '', command: false},
		...slashCommands.map(([label, text]) => ({label, text, command: true})),
	];
}

const keyWidth =
	Math.max(
		...keyBindings.map(([key]) => key.length),
		...slashCommands.map(([command]) => command.length),
	) + 2;

/** Every key and slash command; scrolls with ↑/↓, PgUp/PgDn, Home/End when they do not all fit. */
export function HelpView({width, height, offset}: Props) {
	const rows = helpRows();
	const view = scrollWindow(rows.length, Math.max(1, height - 1), offset);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule
				title="help"
				detail={
					view.hasHint
						? `${upDown} PgUp/PgDn scroll · Esc closes`
						: 'Esc closes'
				}
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
