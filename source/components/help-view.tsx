import {Box, Text} from 'ink';
import {paint} from '../view/color-mode.js';
import {slashCommands} from '../view/slash-commands.js';
import {SectionRule} from './section-rule.js';

type Props = {
	readonly width: number;
	readonly height: number;
};

export const keyBindings = [
	['Enter', 'send the line to the target (every connected server by default)'],
	['Tab / Shift+Tab', 'cycle the target: all → each server → all'],
	['↑ / ↓', 'previous / next line from history'],
	['← / →, ^A / ^E', 'move in the line; ^W deletes a word, ^U the line'],
	['PgUp / PgDn', 'scroll messages (pauses following)'],
	['Home / End', 'oldest message / follow new messages again'],
	['^O', 'open the newest visible message in full'],
	['?', 'this help (on an empty line)'],
	['Esc', 'close help or detail'],
	['^C', 'clear the line; on an empty line, quit'],
] as const;

/** Every key and slash command, as many as fit (the rest is one `/help` line away in the readme). */
export function HelpView({width, height}: Props) {
	const keyWidth =
		Math.max(
			...keyBindings.map(([key]) => key.length),
			...slashCommands.map(([command]) => command.length),
		) + 2;
	const rows: Array<{label: string; text: string; command: boolean}> = [
		...keyBindings.map(([label, text]) => ({label, text, command: false})),
		{label: '', text: '', command: false},
		...slashCommands.map(([label, text]) => ({label, text, command: true})),
	];
	const room = Math.max(0, height - 1);
	const visible =
		rows.length > room
			? [
					...rows.slice(0, Math.max(0, room - 1)),
					{
						label: '…',
						text: `${rows.length - room + 1} more — make the terminal taller`,
						command: false,
					},
				]
			: rows;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule title="help" detail="Esc closes" width={width} />
			{visible.map(({label, text, command}, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} wrap="truncate-end">
					{' '}
					<Text bold color={paint(command ? 'cyan' : undefined)}>
						{label.padEnd(keyWidth)}
					</Text>
					{text === '' ? ' ' : text}
				</Text>
			))}
		</Box>
	);
}
