/**
Issue 11 item 7: `/sort` orders the server table and the table's rule says by what; the selected row
stays in view in the new order.
*/
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app.js';
import {ServerTable} from '../../source/components/server-table.js';
import {waitForFrame} from '../helpers/ink-frames.js';
import {fakeStore, serverRow, snapshotOf} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

const now = Date.now();
const servers = [
	serverRow('bravo', {}, {rate: 5}),
	serverRow('alpha', {}, {rate: 1}),
	serverRow('charlie', {}, {rate: 50}),
	serverRow('delta', {status: 'stale', staleReason: 'pid gone'}, {rate: 0}),
];

function table(props: Partial<Parameters<typeof ServerTable>[0]> = {}) {
	const rendered = render(
		<ServerTable
			width={100}
			height={6}
			now={now}
			servers={servers}
			{...props}
		/>,
	);
	cleanup = rendered.unmount;
	return (rendered.lastFrame() ?? '').split('\n');
}

/** The ids of the rows, top to bottom. */
const order = (lines: readonly string[]) =>
	lines
		.slice(2)
		.map((line) => /^[ ▸]{2}(\S+)/.exec(line)?.[1])
		.filter(Boolean);

describe('/sort in the server table', () => {
	test('registry order by default, and the rule names no sort', () => {
		const lines = table();
		expect(order(lines)).toEqual(['bravo', 'alpha', 'charlie', 'delta']);
		expect(lines[0]).not.toContain('sorted');
	});

	test('sorted by rate, busiest first, and said in the rule', () => {
		const lines = table({sort: {key: 'rate', descending: false}});
		expect(order(lines)).toEqual(['charlie', 'bravo', 'alpha', 'delta']);
		expect(lines[0]).toMatch(/^─ servers · sorted by rate ─/);
	});

	test('turned round and by status: the rule shows -key', () => {
		const lines = table({sort: {key: 'id', descending: true}});
		expect(order(lines)).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
		expect(lines[0]).toContain('sorted by -id');
		expect(order(table({sort: {key: 'status', descending: false}}))[0]).toBe(
			'delta',
		);
	});

	test('keeps the selected row in view in the sorted order, and says how many are shown', () => {
		const lines = table({
			height: 2,
			selectedId: 'alpha',
			sort: {key: 'id', descending: true},
		});
		expect(order(lines)).toEqual(['bravo', 'alpha']);
		expect(lines[0]).toContain('sorted by -id · 2 of 4 shown');
	});

	test('typed in the monitor, /sort rate reorders the table, /sort alone restores it', async () => {
		const rendered = render(
			<App store={fakeStore(snapshotOf({servers}))} registryLabel="test" />,
		);
		cleanup = rendered.unmount;
		const {stdin, lastFrame} = rendered;
		await waitForFrame(lastFrame, (frame) => frame.includes('charlie'));
		stdin.write('/sort rate\r');
		const sorted = await waitForFrame(lastFrame, (frame) =>
			frame.includes('sorted by rate'),
		);
		expect(sorted.indexOf(' charlie ')).toBeLessThan(sorted.indexOf(' bravo '));
		stdin.write('/sort\r');
		const restored = await waitForFrame(
			lastFrame,
			(frame) =>
				!frame.includes('sorted by') && frame.includes('registry order'),
		);
		expect(restored.indexOf(' bravo ')).toBeLessThan(
			restored.indexOf(' charlie '),
		);
	});
});
