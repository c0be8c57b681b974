import {Box, Text} from 'ink';
import {type ServerStatus} from '../core/connections/types.js';
import {type MonitorSnapshot} from '../core/store.js';
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
	return (
		<Box width={width} height={1}>
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">
					<Text bold color="cyan">
						{' shipyard'}
					</Text>
					<Text dimColor>{' · '}</Text>
					{registryLabel}
					<Text color="yellow">{registryNote}</Text>
					<Text dimColor>{' · '}</Text>
					{snapshot.servers.length}{' '}
					{snapshot.servers.length === 1 ? 'server' : 'servers'}
					{counts.length > 0 ? ': ' : ''}
					{counts.map(({status, count}, index) => (
						<Text key={status}>
							{index > 0 ? <Text dimColor>{' · '}</Text> : ''}
							<Text color={statusStyles[status].color}>
								{count} {status}
							</Text>
						</Text>
					))}
					{warnings > 0 ? (
						<Text color="yellow">
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
