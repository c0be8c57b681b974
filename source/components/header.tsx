import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import {type ServerStatus} from '../core/connections/types.js';
import {type MonitorSnapshot} from '../core/store.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {glyphs, screenCharset, screenText} from '../view/glyphs.js';
import {paint} from '../view/color-mode.js';
import {statusStyles} from '../view/server-status.js';
import {recordingMark} from '../view/recording-text.js';
import {type RecordWriterStats} from '../core/record/writer.js';

type Props = {
	readonly snapshot: MonitorSnapshot;
	/** The registry path as shown (home folder shortened to ~); untrusted, sanitised here. */
	readonly registryLabel: string;
	readonly width: number;
	/** While recording: its size and drops, shown as a REC mark beside help. */
	readonly recording?: Pick<RecordWriterStats, 'bytes' | 'dropped' | 'error'>;
	/** Alerts fired since /alerts was last opened: a badge when above zero. */
	readonly alertCount?: number;
};

/** The alert badge's mark: a flag, `#` where the terminal is not UTF-8. */
const alertMark = screenCharset === 'ascii' ? '#' : '⚑';

/** The statuses the header counts, in the order it shows them. */
export const countedStatuses: readonly ServerStatus[] = [
	'connected',
	'connecting',
	'reconnecting',
	'rejected',
	'unreachable',
	'invalid',
	'withheld',
	'stale',
];

/** One line: what is watched, how many servers in which state, warnings, and where help is. */
export function Header({
	snapshot,
	registryLabel,
	width,
	recording,
	alertCount = 0,
}: Props) {
	const counts = countedStatuses
		.map((status) => ({
			status,
			count: snapshot.servers.filter((server) => server.state.status === status)
				.length,
		}))
		.filter(({count}) => count > 0);
	const warnings = snapshot.warnings.length;
	const registryNote = snapshot.registryBackend
		? backendNote(snapshot.registryBackend)
		: snapshot.registryFile === 'missing'
			? ' (not created yet)'
			: snapshot.registryFile === 'stale'
				? snapshot.servers.length > 0
					? ' (broken: showing the last good list)'
					: ' (broken)'
				: '';
	const {separator} = glyphs;
	const mark = recording
		? `  ${glyphs.status.up} ${recordingMark(recording)}`
		: '';
	// The counts matter more than the whole path: a long path gives way in its middle.
	const countsText = counts
		.map(({status, count}) => `${count} ${status}`)
		.join(separator);
	const fixedLength =
		stringWidth(` shipyard${separator}`) +
		registryNote.length +
		stringWidth(`${separator}${snapshot.servers.length} servers: `) +
		stringWidth(countsText) +
		(warnings > 0 ? `  ${glyphs.warning} ${warnings} warnings`.length : 0) +
		(alertCount > 0 ? `  ${alertMark} ${alertCount}`.length : 0) +
		'  ? help '.length +
		stringWidth(mark);
	// The path comes from a flag or the environment: it is shown like any other untrusted text.
	const label = shortenMiddle(
		screenText(sanitizeLabel(registryLabel, 4096)),
		Math.max(12, width - fixedLength),
	);
	return (
		<Box width={width} height={1}>
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">
					<Text bold color={paint('cyan')}>
						{' shipyard'}
					</Text>
					<Text dimColor>{separator}</Text>
					{label}
					<Text color={paint('yellow')}>{registryNote}</Text>
					<Text dimColor>{separator}</Text>
					{snapshot.servers.length}{' '}
					{snapshot.servers.length === 1 ? 'server' : 'servers'}
					{counts.length > 0 ? ': ' : ''}
					{counts.map(({status, count}, index) => (
						<Text key={status}>
							{index > 0 ? <Text dimColor>{separator}</Text> : ''}
							<Text color={paint(statusStyles[status].color)}>
								{count} {status}
							</Text>
						</Text>
					))}
					{warnings > 0 ? (
						<Text color={paint('yellow')}>
							{`  ${glyphs.warning} `}
							{warnings} {warnings === 1 ? 'warning' : 'warnings'}
						</Text>
					) : (
						''
					)}
				</Text>
			</Box>
			<Box flexShrink={0}>
				{alertCount > 0 ? (
					<Text bold color={paint('red')}>
						{`  ${alertMark} ${alertCount}`}
					</Text>
				) : null}
				{recording ? (
					<Text bold color={paint(recording.dropped > 0 ? 'yellow' : 'red')}>
						{mark}
					</Text>
				) : null}
				<Text dimColor>{'  ? help '}</Text>
			</Box>
		</Box>
	);
}

/** `/tmp/shipyard-demo-abc/servers.json` → `/tmp/…/servers.json` when space is short. */
function shortenMiddle(text: string, maxLength: number): string {
	if (text.length <= maxLength) {
		return text;
	}

	const tail = Math.ceil((maxLength - 1) * 0.6);
	return `${text.slice(0, maxLength - 1 - tail)}${glyphs.ellipsis}${text.slice(text.length - tail)}`;
}

/** A team registry's state; the error comes from the network and is sanitised like the label. */
function backendNote(backend: NonNullable<MonitorSnapshot['registryBackend']>) {
	if (backend.state === 'connected') {
		return '';
	}

	if (backend.state === 'connecting') {
		return ' (connecting…)';
	}

	// Why is in the pane (a warning line): the header keeps room for the counts.
	return ` (unreachable since ${new Date(backend.since).toTimeString().slice(0, 8)})`;
}
