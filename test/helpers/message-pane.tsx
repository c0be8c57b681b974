import {render} from 'ink-testing-library';
import {MessagePane} from '../../source/components/message-pane.js';

export type PaneProps = Parameters<typeof MessagePane>[0];

/**
The message pane alone, following, with nothing found, hidden or dropped unless `parts` say so: the
props a test cares about are the only ones it writes. The caller unmounts.
*/
export function renderMessagePane(
	parts: Partial<PaneProps> & Pick<PaneProps, 'lines'>,
) {
	return render(messagePane(parts));
}

/** The element `renderMessagePane` draws, for `rerender`. */
export function messagePane(
	parts: Partial<PaneProps> & Pick<PaneProps, 'lines'>,
) {
	return (
		<MessagePane
			isFollowing
			labels={new Map()}
			width={100}
			height={5}
			newCount={0}
			hidden={0}
			matchCount={0}
			timeMode="off"
			dropped={0}
			{...parts}
		/>
	);
}
