import {expect, test} from 'vitest';
import {
	parseSort,
	sortRows,
	type SortableRow,
} from '../../source/view/table-sort.js';

function row(
	id: string,
	status: SortableRow['state']['status'],
	[rate, messagesIn, connectedAt]: [number, number, number?],
): SortableRow {
	return {id, rate, state: {status, connectedAt}, counters: {messagesIn}};
}

const rows = [
	row('charlie', 'connected', [5, 100, 3000]),
	row('alpha', 'unreachable', [0, 3]),
	row('bravo', 'connected', [9, 40, 1000]),
	row('delta', 'rejected', [0, 0]),
];

function ids(input: string): string[] {
	const parsed = parseSort(input);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return sortRows(rows, parsed.order).map((each) => each.id);
}

test('no key keeps registry order', () => {
	expect(ids('')).toEqual(['charlie', 'alpha', 'bravo', 'delta']);
});

test('each key in its useful direction, ties by id', () => {
	expect(ids('id')).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
	expect(ids('status')).toEqual(['delta', 'alpha', 'bravo', 'charlie']);
	expect(ids('rate')).toEqual(['bravo', 'charlie', 'alpha', 'delta']);
	expect(ids('in')).toEqual(['charlie', 'bravo', 'alpha', 'delta']);
	expect(ids('up')).toEqual(['bravo', 'charlie', 'alpha', 'delta']);
});

test('-key or "key desc" turns it round; ties still by id', () => {
	expect(ids('-id')).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
	expect(ids('rate desc')).toEqual(['alpha', 'delta', 'charlie', 'bravo']);
	expect(ids('rate asc')).toEqual(ids('rate'));
});

test('the rows given are never reordered in place', () => {
	const before = rows.map((each) => each.id);
	ids('id');
	expect(rows.map((each) => each.id)).toEqual(before);
});

test.each([
	['name', 'cannot sort by "name": use id|status|rate|in|up'],
	['id rate', '/sort takes one key: id|status|rate|in|up'],
	['-', 'cannot sort by "": use id|status|rate|in|up'],
])('/sort %s is refused', (input, error) => {
	expect(parseSort(input)).toEqual({ok: false, error});
});
