import {Text} from 'ink';
import {memo} from 'react';
import {keyHints} from '../view/commands/docs.js';
import {fitHints} from '../view/commands/fit-hints.js';
import {glyphs} from '../view/glyphs.js';

const hints = keyHints(glyphs.arrows);

type Props = {
	/** Columns of the terminal. */
	readonly width: number;
};

/** Key hints from the command table: as many whole ones as fit, help and quit first. */
function FooterView({width}: Props) {
	return (
		<Text dimColor wrap="truncate-end">
			{' '}
			{fitHints(hints, width).map(({keys, label}, index) => (
				<Text key={keys}>
					{index > 0 ? '  ' : ''}
					<Text bold>{keys}</Text> {label}
				</Text>
			))}
		</Text>
	);
}

// Redrawn only when its props change: an idle screen redraws for the uptimes, not for this.
export const Footer = memo(FooterView);
