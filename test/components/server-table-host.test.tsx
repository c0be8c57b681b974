/** Issue 13: a HOST column when the servers are of more than one machine, dropped first when narrow. */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {ServerTable} from '../../source/components/server-table.js';
import {serverRow} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

const now = Date.now();

function withHost(id: string, hostId: string | undefined) {
	const row = serverRow(id);
	return {
		...row,
		entry: {...row.entry, ...(hostId === undefined ? {} : {hostId})},
	};
}

function table(servers: Array<ReturnType<typeof withHost>>, width: number) {
	const rendered = render(
		<ServerTable width={width} height={6} now={now} servers={servers} />,
	);
	cleanup = rendered.unmount;
	return rendered.lastFrame() ?? '';
}

describe('the HOST column', () => {
	const twoMachines = [
		withHost('api', 'build-box/0123456789ab'),
		withHost('web', 'laptop/ba9876543210'),
		withHost('local', undefined),
	];

	test('shows each server’s machine by name when there is more than one', () => {
		const frame = table(twoMachines, 110);
		expect(frame).toMatch(/ HOST /);
		expect(frame).toMatch(/api .* build-box /);
		expect(frame).toMatch(/web .* laptop /);
		// The machine id is for telling machines apart, not for reading.
		expect(frame).not.toContain('0123456789ab');
	});

	test('is not there when every server is of one machine', () => {
		const frame = table(
			[withHost('api', 'build-box/1'), withHost('web', 'build-box/1')],
			110,
		);
		expect(frame).not.toContain('HOST');
	});

	test('is the first column to go when the terminal narrows', () => {
		const narrow = table(twoMachines, 80);
		expect(narrow).not.toContain('HOST');
		expect(narrow).toContain('PID');
	});
});
