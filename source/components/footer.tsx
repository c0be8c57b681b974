import {Text} from 'ink';
import {glyphs} from '../view/glyphs.js';

const hints: Array<[string, string]> = [
	['Enter', 'send'],
	['Tab', 'target'],
	[glyphs.arrows.upDown, 'history'],
	['PgUp/PgDn', 'scroll'],
	['End', 'follow'],
	['^O', 'detail'],
	['?', 'help'],
	['^C', 'quit'],
];

/** Key hints, as many as fit. */
export function Footer() {
	return (
		<Text dimColor wrap="truncate-end">
			{' '}
			{hints.map(([key, action], index) => (
				<Text key={key}>
					{index > 0 ? '  ' : ''}
					<Text bold>{key}</Text> {action}
				</Text>
			))}
		</Text>
	);
}
