import {Text} from 'ink';

type Props = {
	/** Words shown in the rule; empty for a plain line. */
	readonly title?: string;
	/** Words shown dimmer after the title. */
	readonly detail?: string;
	readonly width: number;
};

/** `─ servers · 4 ─────────`: a one-line divider that names the section below it. */
export function SectionRule({title = '', detail = '', width}: Props) {
	const label =
		title === '' ? '' : ` ${title}${detail === '' ? '' : ` · ${detail}`} `;
	const fill = Math.max(0, width - 1 - [...label].length);
	return (
		<Text dimColor wrap="truncate-end">
			─{title === '' ? '' : <Text bold>{` ${title}`}</Text>}
			{detail === '' ? '' : ` · ${detail}`}
			{title === '' ? '' : ' '}
			{'─'.repeat(fill)}
		</Text>
	);
}
