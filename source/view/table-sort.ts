/**
The order of the server table for `/sort`. Registry order is the default; every other key sorts with
ties broken by id, so rows never swap places between two frames while their values are equal.
*/
import {type ServerStatus} from '../core/connections/types.js';

export const sortKeys = ['id', 'status', 'rate', 'in', 'up'] as const;
export type SortKey = (typeof sortKeys)[number];

/** What a sort needs of a row; the store's `ServerRow` has all of it. */
export type SortableRow = {
	readonly id: string;
	readonly rate: number;
	readonly state: {
		readonly status: ServerStatus;
		readonly connectedAt?: number;
	};
	readonly counters: {readonly messagesIn: number};
};

/**
Trouble first: a person sorts by status to see what is wrong. Connected servers last, in the order
a connection settles.
*/
const statusRank: Record<ServerStatus, number> = {
	rejected: 0,
	unreachable: 1,
	invalid: 2,
	withheld: 3,
	stale: 4,
	closed: 5,
	reconnecting: 6,
	connecting: 7,
	connected: 8,
};

export type SortOrder = {key: SortKey; descending: boolean};

/** Parses `/sort` arguments: `id`, `rate`, `-rate` or `rate desc`; nothing is registry order. */
export function parseSort(
	input: string,
): {ok: true; order: SortOrder | undefined} | {ok: false; error: string} {
	const words = input.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) {
		return {ok: true, order: undefined};
	}

	let [key = ''] = words;
	let descending = key.startsWith('-');
	key = key.replace(/^-/, '');
	if (words.length === 2 && (words[1] === 'desc' || words[1] === 'asc')) {
		descending = words[1] === 'desc';
	} else if (words.length > 1) {
		return {ok: false, error: `/sort takes one key: ${sortKeys.join('|')}`};
	}

	const known = sortKeys.find((each) => each === key);
	if (known === undefined) {
		return {
			ok: false,
			error: `cannot sort by "${key}": use ${sortKeys.join('|')}`,
		};
	}

	return {ok: true, order: {key: known, descending}};
}

/** `rate`, or `-rate` turned round: how the table's rule names the order. */
export function sortLabel(order: SortOrder): string {
	return `${order.descending ? '-' : ''}${order.key}`;
}

/**
Rows in `order`. The natural direction of each key is the useful one: ids A→Z, trouble first,
busiest first, longest up first; `descending` turns it round. Ties keep ids A→Z.
*/
export function sortRows<Row extends SortableRow>(
	rows: readonly Row[],
	order: SortOrder | undefined,
): readonly Row[] {
	if (order === undefined) {
		return rows;
	}

	const compare = comparators[order.key];
	const direction = order.descending ? -1 : 1;
	return rows.toSorted((a, b) => direction * compare(a, b) || byId(a, b));
}

const collator = new Intl.Collator('en');
const byId = (a: SortableRow, b: SortableRow) => collator.compare(a.id, b.id);

/** Up longest first: the earliest connection; rows not connected after every connected one. */
function byConnectedAt(a: SortableRow, b: SortableRow): number {
	const left = a.state.connectedAt;
	const right = b.state.connectedAt;
	if (left === undefined || right === undefined) {
		return (left === undefined ? 1 : 0) - (right === undefined ? 1 : 0);
	}

	return left - right;
}

const comparators: Record<SortKey, (a: SortableRow, b: SortableRow) => number> =
	{
		id: byId,
		status: (a, b) => statusRank[a.state.status] - statusRank[b.state.status],
		rate: (a, b) => b.rate - a.rate,
		in: (a, b) => b.counters.messagesIn - a.counters.messagesIn,
		up: byConnectedAt,
	};
