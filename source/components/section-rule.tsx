import {Text} from 'ink';
import stringWidth from 'string-width';
import {glyphs, screenText} from '../view/glyphs.js';

type Props = {
	/** Words shown in the rule; empty for a plain line. */
	readonly title?: string;
	/** Words shown dimmer after the title. */
	readonly detail?: string;
	readonly width: number;
};

/** `─ servers · 4 ─────────`: a one-line divider that names the section below it. */
export function SectionRule({title = '', detail = '', width}: Props) {
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
