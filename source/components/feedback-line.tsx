import {Box, Text} from 'ink';
import {paint} from '../view/color-mode.js';

type Props = {
	/** The answer, already cut into rows (see `feedbackRows`). */
	readonly rows: readonly string[];
	readonly tone: 'info' | 'warning' | 'error';
};

const toneColors = {info: 'green', warning: 'yellow', error: 'red'} as const;

/** The last command's answer, whole, above the prompt; filters never hide it. */
export function FeedbackLine({rows, tone}: Props) {
	return (
		<Box flexDirection="column" flexShrink={0}>
			{rows.map((row, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={paint(toneColors[tone])} wrap="truncate-end">
					{` ${row}`}
				</Text>
			))}
		</Box>
	);
}
