import {Box, Text} from 'ink';
import {memo} from 'react';
import {textWidth} from '../view/text-width.js';
import {formatCount, formatDuration} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type ServerRow as ServerRowData} from '../core/store.js';
import {glyphs, screenText} from '../view/glyphs.js';
import {paint} from '../view/color-mode.js';
import {serverColor} from '../view/server-colors.js';
import {hostName} from '../view/host-names.js';
import {addressLabel, statusNote, statusStyles} from '../view/server-status.js';
import {
	columnGap,
	fitCell,
	layoutColumns,
	rowPrefixWidth,
	type Column,
} from '../view/table-columns.js';
import {sortLabel, sortRows, type SortOrder} from '../view/table-sort.js';
import {SectionRule} from './section-rule.js';

type Props = {
	readonly servers: readonly ServerRowData[];
	readonly width: number;
	/** Rows available for servers (below the column titles). */
	readonly height: number;
	/** The send target, shown as the selected row. */
	readonly selectedId?: string;
	readonly now: number;
	/** What the table says while it has no rows (how to get some, or why there are none). */
	readonly emptyNote?: string;
	/** `/sort`: the rows' order, named in the rule; undefined keeps registry order. */
	readonly sort?: SortOrder;
};

/** The servers, one row each: scrolls to keep the selected one in view; columns drop as it narrows. */
export function ServerTable({
	servers: registryOrder,
	width,
	height,
	selectedId,
	now,
	emptyNote = 'no servers registered yet',
	sort,
}: Props) {
	const servers = sortRows(registryOrder, sort);
	const sizes = servers.map((server) => sizingWidths(server, now));
	const columns = layoutColumns(width, {
		id: Math.max(0, ...sizes.map((size) => size.id)),
		address: Math.max(0, ...sizes.map((size) => size.address)),
		note: Math.max(0, ...sizes.map((size) => size.note)),
		host:
			new Set(servers.map((server) => server.entry.hostId)).size > 1
				? Math.max(...sizes.map((size) => size.host))
				: 0,
	});
	const selectedIndex =
		selectedId === undefined
			? -1
			: servers.findIndex((server) => server.id === selectedId);
	const offset = Math.max(
		0,
		Math.min(selectedIndex - height + 1, servers.length - height),
	);
	const visible = servers.slice(
		Math.max(0, offset),
		Math.max(0, offset) + height,
	);
	const hidden = servers.length - visible.length;
	return (
		<Box flexDirection="column" width={width}>
			<SectionRule
				title="servers"
				detail={[
					...(sort ? [`sorted by ${sortLabel(sort)}`] : []),
					...(hidden > 0
						? [`${visible.length} of ${servers.length} shown (Tab target)`]
						: []),
				].join(' · ')}
				width={width}
			/>
			<Text bold dimColor wrap="truncate-end">
				{'  '}
				{columns
					.map((column) => fitCell(column.title, column.width, column.align))
					.join(' '.repeat(columnGap))}
			</Text>
			<Box flexDirection="column" height={height}>
				{servers.length === 0 ? (
					<Text dimColor wrap="truncate-end">
						{screenText(`  ${emptyNote}`)}
					</Text>
				) : (
					visible.map((server) => (
						<ServerRow
							key={server.id}
							server={server}
							columns={columns}
							isSelected={server.id === selectedId}
							now={now}
							width={width}
						/>
					))
				)}
			</Box>
		</Box>
	);
}

type RowProps = {
	readonly server: ServerRowData;
	readonly columns: Column[];
	readonly isSelected: boolean;
	readonly now: number;
	/** The table's width: a row that fits it is drawn in parts (see below). */
	readonly width: number;
};

function ServerRowView({server, columns, isSelected, now, width}: RowProps) {
	const style = statusStyles[server.state.status];
	const cells = columns.map((column, index) => {
		const text = fitCell(
			cellText(column, server, now),
			column.width,
			column.align,
		);
		const gap = index === 0 ? '' : ' '.repeat(columnGap);
		if (column.key === 'status') {
			return (
				<Text key={column.key} color={paint(style.color)}>
					{gap}
					{text}
				</Text>
			);
		}

		if (column.key === 'id') {
			return (
				<Text key={column.key} color={paint(serverColor(server.id))}>
					{gap}
					{text}
				</Text>
			);
		}

		return (
			<Text key={column.key} dimColor={column.key === 'note'}>
				{gap}
				{text}
			</Text>
		);
	});
	const prefix = isSelected ? `${glyphs.selected} ` : '  ';
	const up = columns.findIndex((column) => column.key === 'up');
	// The uptime ticks on an idle screen while the rest of the row stays. Ink measures, tokenises
	// and lays out each text node whole, so the uptime gets a node of its own and a tick redoes six
	// characters instead of the whole row (a third of an idle redraw's cost). Only for a row that
	// fits: a wider one stays one node, cut at its end with a marker as before.
	if (up === -1 || rowWidth(columns) > width) {
		return (
			<Text wrap="truncate-end" inverse={isSelected}>
				{prefix}
				{cells}
			</Text>
		);
	}

	const after = cells.slice(up + 1);
	return (
		<Box>
			<Text inverse={isSelected}>
				{prefix}
				{cells.slice(0, up)}
			</Text>
			<Text inverse={isSelected}>{cells[up]}</Text>
			{after.length > 0 ? <Text inverse={isSelected}>{after}</Text> : null}
		</Box>
	);
}

/** A row's width in cells: the selection marker, every column and the gaps between them. */
function rowWidth(columns: Column[]): number {
	let sum = rowPrefixWidth + columnGap * Math.max(0, columns.length - 1);
	for (const column of columns) {
		sum += column.width;
	}

	return sum;
}

const ServerRow = memo(ServerRowView);

const idColumn: Column = {key: 'id', title: '', width: 0, align: 'left'};
const addressColumn: Column = {
	key: 'address',
	title: '',
	width: 0,
	align: 'left',
};
const noteColumn: Column = {key: 'note', title: '', width: 0, align: 'left'};
const hostColumn: Column = {
	key: 'host',
	title: 'HOST',
	width: 0,
	align: 'left',
};

/** The widths of a row's cells that size their columns. */
type SizingWidths = {id: number; address: number; note: number; host: number};

/**
Every row's sizing cells are measured on every frame. The store hands out the same row object for a
server that did not change, so their widths are kept with it: an idle redraw of 1 000 servers
measures none again. A retry countdown in the note reads differently as the clock goes, so that
row's note is measured afresh.
*/
const rowSizes = new WeakMap<ServerRowData, SizingWidths>();

function sizingWidths(server: ServerRowData, now: number): SizingWidths {
	const kept = rowSizes.get(server);
	if (kept === undefined) {
		const sizes = {
			id: cellWidth(idColumn, server, now),
			address: cellWidth(addressColumn, server, now),
			note: cellWidth(noteColumn, server, now),
			host: cellWidth(hostColumn, server, now),
		};
		rowSizes.set(server, sizes);
		return sizes;
	}

	return server.state.nextRetryAt === undefined
		? kept
		: {...kept, note: cellWidth(noteColumn, server, now)};
}

function cellWidth(column: Column, server: ServerRowData, now: number): number {
	return textWidth(cellText(column, server, now));
}

function cellText(column: Column, server: ServerRowData, now: number): string {
	return screenText(rawCellText(column, server, now));
}

function rawCellText(
	column: Column,
	server: ServerRowData,
	now: number,
): string {
	const {state, counters, entry} = server;
	const connected = state.status === 'connected';
	switch (column.key) {
		case 'id': {
			return sanitizeLabel(entry.name ?? entry.id, 200);
		}

		case 'status': {
			return `${statusStyles[state.status].glyph} ${state.status}`;
		}

		case 'address': {
			return sanitizeLabel(addressLabel(entry, server.remote), 200);
		}

		case 'host': {
			// `hostId` is "name/machine-id"; the name is what people know a machine by.
			const name = hostName(entry);
			return name === undefined ? '—' : sanitizeLabel(name, 60);
		}

		case 'pid': {
			return String(entry.pid);
		}

		case 'up': {
			return connected && state.connectedAt !== undefined
				? formatDuration(now - state.connectedAt)
				: '—';
		}

		case 'rtt': {
			return connected && counters.rttMs !== undefined
				? `${counters.rttMs}ms`
				: '—';
		}

		case 'in': {
			return formatCount(counters.messagesIn);
		}

		case 'out': {
			return formatCount(counters.messagesOut);
		}

		case 'rate': {
			return server.rate > 0
				? `${formatCount(Math.round(server.rate))}/s`
				: '—';
		}

		case 'note': {
			return sanitizeLabel(statusNote(state, now), 200);
		}
	}
}
