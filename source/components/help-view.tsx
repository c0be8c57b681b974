import {Box, Text} from 'ink';
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

/** Every key and slash command. */
export function HelpView({width, height}: Props) {
	const keyWidth = Math.max(...keyBindings.map(([key]) => key.length), ...slashCommands.map(([command]) => command.length)) + 2;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<SectionRule title="help" detail="Esc closes" width={width} />
			{keyBindings.map(([key, action]) => (
				<Text key={key} wrap="truncate-end">
					{' '}
					<Text bold>{key.padEnd(keyWidth)}</Text>
					{action}
				</Text>
			))}
			<Text> </Text>
			{slashCommands.map(([command, action]) => (
				<Text key={command} wrap="truncate-end">
					{' '}
					<Text bold color="cyan">
						{command.padEnd(keyWidth)}
					</Text>
					{action}
				</Text>
			))}
		</Box>
	);
}
