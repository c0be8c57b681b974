import {Text} from 'ink';
import {type TextPattern} from '../core/query/text-pattern.js';
import {highlightSegments} from '../view/highlight.js';

type Props = {
	readonly text: string;
	/** The search: its matches show inverse, which reads with NO_COLOR too. */
	readonly pattern?: TextPattern;
};

/** Text with the matches of `/find` marked. */
export function HighlightedText({text, pattern}: Props) {
	if (!pattern) {
		return text;
	}

	return highlightSegments(text, pattern).map((segment, index) =>
		segment.isMatch ? (
			// Runs are positions in one line: the index is their identity.
			// eslint-disable-next-line react/no-array-index-key
			<Text key={index} inverse>
				{segment.text}
			</Text>
		) : (
			segment.text
		),
	);
}
