import {Box, Text} from 'ink';
import {type ServerStatus} from '../core/connections/types.js';
import {type MonitorSnapshot} from '../core/store.js';
import {paint} from '../view/color-mode.js';
import {statusStyles} from '../view/server-status.js';

type Props = {
	readonly snapshot: MonitorSnapshot;
	/** The registry path as shown (home folder shortened to ~). */
	readonly registryLabel: string;
	readonly width: number;
};

const countedStatuses: ServerStatus[] = [
	'connected',
	'connecting',
	'reconnecting',
	'rejected',
	'unreachable',
	'stale',
];

/** One line: what is watched, how many servers in which state, warnings, and where help is. */
export function Header({snapshot, registryLabel, width}: Props) {
	const counts = countedStatuses
		.map((status) => ({
			status,
			count: snapshot.servers.filter((server) => server.state.status === status)
				.length,
		}))
		.filter(({count}) => count > 0);
	const warnings = snapshot.warnings.length;
	const registryNote =
		snapshot.registryFile === 'missing'
			? ' (not created yet)'
			: snapshot.registryFile === 'stale'
				? ' (broken: last good shown)'
				: '';
	// The counts matter more than the whole path: a long path gives way in its middle.
	const countsText = counts
		.map(({status, count}) => `${count} ${status}`)
		.join(' · ');
	const fixedLength =
		' shipyard · '.length +
		registryNote.length +
		` · ${snapshot.servers.length} servers: `.length +
		countsText.length +
		(warnings > 0 ? `  ⚠ ${warnings} warnings`.length : 0) +
		'  ? help '.length;
	const label = shortenMiddle(registryLabel, Math.max(12, width - fixedLength));
	return (
		<Box width={width} height={1}>
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">
					<Text bold color={paint('cyan')}>
						{' shipyard'}
					</Text>
					<Text dimColor>{' · '}</Text>
					{label}
					<Text color={paint('yellow')}>{registryNote}</Text>
					<Text dimColor>{' · '}</Text>
					{snapshot.servers.length}{' '}
					{snapshot.servers.length === 1 ? 'server' : 'servers'}
					{counts.length > 0 ? ': ' : ''}
					{counts.map(({status, count}, index) => (
						<Text key={status}>
							{index > 0 ? <Text dimColor>{' · '}</Text> : ''}
							<Text color={paint(statusStyles[status].color)}>
								{count} {status}
							</Text>
						</Text>
					))}
					{warnings > 0 ? (
						<Text color={paint('yellow')}>
							{'  ⚠ '}
							{warnings} {warnings === 1 ? 'warning' : 'warnings'}
						</Text>
					) : (
						''
					)}
				</Text>
			</Box>
			<Box flexShrink={0}>
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
	return `${text.slice(0, maxLength - 1 - tail)}…${text.slice(text.length - tail)}`;
}
