import {Text} from 'ink';
import {type TextPattern} from '../core/query/text-pattern.js';
import {paint} from '../view/color-mode.js';
import {styledPieces} from '../view/styled-pieces.js';

type Props = {
	/** Sanitised text; kept SGR sequences in it are drawn as styles, never written. */
	readonly text: string;
	/** The search: its matches show inverse, which reads with NO_COLOR too. */
	readonly pattern?: TextPattern;
};

/** Text from a server with its colours (when kept) and the matches of `/find` marked. */
export function StyledText({text, pattern}: Props) {
	const pieces = styledPieces(text, pattern);
	if (pieces.length === 1 && !pieces[0]!.isMatch && !text.includes('\u001B')) {
		return pieces[0]!.text;
	}

	// Runs are positions in one line: the index is their identity.
	return pieces.map(({text: part, style, isMatch}, index) => (
		<Text
			// eslint-disable-next-line react/no-array-index-key
			key={index}
			color={paint(style.color)}
			backgroundColor={paint(style.backgroundColor)}
			bold={style.bold}
			dimColor={style.dimColor}
			italic={style.italic}
			underline={style.underline}
			strikethrough={style.strikethrough}
			// A match inside inverse text shows the other way round, so it still stands out.
			inverse={isMatch !== Boolean(style.inverse)}
		>
			{part}
		</Text>
	));
}
