import {Box, Text} from 'ink';
import {sanitizeLabel} from '../core/messages/sanitize.js';

type Props = {
	readonly value: string;
	/** Cursor position in `value`. */
	readonly cursor: number;
	/** The chosen server, or undefined for every connected one. */
	readonly target?: string;
	/** How many servers will receive what is sent. */
	readonly recipients: number;
	/** How many of those are on another machine (not loopback): the prompt says so. */
	readonly remote?: number;
	readonly width: number;
};

/** The prompt, always ready for typing: shows where Enter sends and how many will receive it. */
export function InputLine({
	value,
	cursor,
	target,
	recipients,
	remote = 0,
	width,
}: Props) {
	const label =
		(target === undefined
			? `all · ${recipients}`
			: `${sanitizeLabel(target, 24)}${recipients === 0 ? ' · offline' : ''}`) +
		(remote > 0 ? ` · ${remote} remote` : '');
	const prompt = `[${label}] › `;
	const room = Math.max(1, width - prompt.length - 1);
	// Keep the cursor in view on long lines by scrolling the text left.
	const start = Math.max(0, cursor - room + 1);
	const before = value.slice(start, cursor);
	const atCursor = value.slice(cursor, cursor + 1) || ' ';
	const after = value.slice(cursor + 1, start + room);
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate-end">
				<Text bold color={recipients === 0 ? 'yellow' : 'cyan'}>
					{prompt}
				</Text>
				{before}
				<Text inverse>{atCursor}</Text>
				{value === '' ? (
					<Text dimColor>{placeholder(recipients, target)}</Text>
				) : (
					after
				)}
			</Text>
		</Box>
	);
}

function placeholder(recipients: number, target: string | undefined): string {
	if (recipients === 0) {
		return target === undefined
			? 'nothing connected yet — type /help'
			: 'this server is not connected — Tab picks another';
	}

	return `type a message — Enter sends to ${recipients === 1 ? (target === undefined ? '1 server' : 'it') : `${recipients} servers`} · Tab target · /help`;
}
