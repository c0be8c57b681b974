import {createElement, type ReactElement, type ReactNode} from 'react';
import {asciiCells, screenCharset} from '../view/glyphs.js';

type Props = {
	readonly children: ReactNode;
	/** Whether to make every finished line ASCII. Default: when the terminal is not UTF-8. */
	readonly isAscii?: boolean;
};

/**
The whole screen, with every finished line passed through `asciiCells` in a terminal that is not
UTF-8. Components already write ASCII there (`glyphs`, `screenText`); this is the net for what
only exists after layout, such as the `…` Ink puts where it cuts a line.

Ink applies a node's `internal_transform` to every line its descendants write, after cutting and
clipping (`render-node-to-output.js`); `<Transform>` itself only takes text children, so the box is
made here the way Ink's own `<Box>` makes one.
*/
export function AsciiScreen({
	children,
	isAscii = screenCharset === 'ascii',
}: Props): ReactElement {
	if (!isAscii) {
		// eslint-disable-next-line react/jsx-no-useless-fragment -- a component must return an element.
		return <>{children}</>;
	}

	return createElement(
		'ink-box',
		{
			style: {flexDirection: 'column', flexGrow: 0, flexShrink: 0},
			// Ink's own prop name.
			internal_transform: asciiCells,
		},
		children,
	);
}
