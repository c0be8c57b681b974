import {Text} from 'ink';
import {glyphs, screenText} from '../view/glyphs.js';
import {type ScrollWindow} from '../view/scroll-window.js';

type Props = {
	readonly view: ScrollWindow;
	/** What the rows are, for the words: "lines", "entries". */
	readonly unit: string;
};

/** The last row of an overlay whose list does not fit: how much is out of view, and how to get there. */
export function ScrollHint({view, unit}: Props) {
	if (!view.hasHint) {
		return null;
	}

	const {up, down} = glyphs.arrows;
	const text =
		view.below > 0
			? `${down} ${view.below} more ${unit} below (${down}, PgDn, End)${view.above > 0 ? ` · ${up} ${view.above} above` : ''}`
			: `end · ${up} ${view.above} ${unit} above (${up}, PgUp, Home)`;
	return (
		<Text dimColor wrap="truncate-end">
			{screenText(` ${text}`)}
		</Text>
	);
}
