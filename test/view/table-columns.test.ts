import {describe, expect, test} from 'vitest';
import {
	fitCell,
	layoutColumns,
	rowPrefixWidth,
	columnGap,
} from '../../source/view/table-columns.js';

function totalWidth(width: number, note = 10) {
	const columns = layoutColumns(width, {id: 20, address: 20, note});
	return {
		keys: columns.map((column) => column.key),
		used:
			rowPrefixWidth +
			columns.reduce((sum, column) => sum + column.width, 0) +
			columnGap * (columns.length - 1),
	};
}

describe('layoutColumns', () => {
	test('shows every column on a wide terminal', () => {
		expect(totalWidth(160).keys).toEqual([
			'id',
			'status',
			'address',
			'pid',
			'up',
			'rtt',
			'in',
			'out',
			'rate',
			'note',
		]);
	});

	test('drops columns by priority as the terminal narrows, never overflowing', () => {
		// Whole ids and addresses (20 cells each here) win over the minor columns.
		expect(totalWidth(80).keys).toEqual([
			'id',
			'status',
			'address',
			'up',
			'in',
		]);
		expect(totalWidth(60).keys).toEqual([
			'id',
			'status',
			'address',
			'up',
			'in',
		]);
		expect(totalWidth(40).keys).toEqual(['id', 'status']);
		for (const width of [40, 50, 60, 70, 80, 90, 100, 120]) {
			expect(totalWidth(width).used).toBeLessThanOrEqual(width);
		}
	});

	test('keeps minor columns when ids and addresses are short', () => {
		const keys = layoutColumns(80, {id: 8, address: 15, note: 0}).map(
			(column) => column.key,
		);
		expect(keys).toEqual([
			'id',
			'status',
			'address',
			'pid',
			'up',
			'rtt',
			'in',
			'out',
		]);
	});

	test('leaves out the note column when no row has a note', () => {
		expect(totalWidth(160, 0).keys).not.toContain('note');
	});
});

describe('fitCell', () => {
	test('measures wide characters by their cells', () => {
		expect(fitCell('漢字', 6)).toBe('漢字  ');
		expect(fitCell('漢字サーバー', 7)).toBe('漢字サ…');
		expect(fitCell('漢字サーバー', 6)).toBe('漢字… ');
	});

	test('pads, aligns and cuts with a marker', () => {
		expect(fitCell('ab', 4)).toBe('ab  ');
		expect(fitCell('ab', 4, 'right')).toBe('  ab');
		expect(fitCell('abcdef', 4)).toBe('abc…');
	});
});
