import {Text} from 'ink';
import {keyHints} from '../view/commands/docs.js';
import {glyphs} from '../view/glyphs.js';

const hints = keyHints(glyphs.arrows);

/** Key hints from the command table, as many as fit. */
export function Footer() {
	return (
		<Text dimColor wrap="truncate-end">
			{' '}
			{hints.map(({keys, label}, index) => (
				<Text key={keys}>
					{index > 0 ? '  ' : ''}
					<Text bold>{keys}</Text> {label}
				</Text>
			))}
		</Text>
	);
}
