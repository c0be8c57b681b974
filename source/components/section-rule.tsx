import {Text} from 'ink';
import stringWidth from 'string-width';
import {memo} from 'react';
import {glyphs, screenText} from '../view/glyphs.js';

type Props = {
	/** Words shown in the rule; empty for a plain line. */
	readonly title?: string;
	/** Words shown dimmer after the title. */
	readonly detail?: string;
	readonly width: number;
};

/** `─ servers · 4 ─────────`: a one-line divider that names the section below it. */
function SectionRuleView({title = '', detail = '', width}: Props) {
	const shownDetail = detail === '' ? '' : screenText(` · ${detail}`);
	const label = title === '' ? '' : ` ${title}${shownDetail} `;
	const fill = Math.max(0, width - 1 - stringWidth(label));
	return (
		<Text dimColor wrap="truncate-end">
			{glyphs.rule}
			{title === '' ? '' : <Text bold>{` ${title}`}</Text>}
			{shownDetail}
			{title === '' ? '' : ' '}
			{glyphs.rule.repeat(fill)}
		</Text>
	);
}

// Redrawn only when its props change: an idle screen redraws for the uptimes, not for this.
export const SectionRule = memo(SectionRuleView);
