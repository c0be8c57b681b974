import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {InputLine} from '../../source/components/input-line.js';
import {ServerTable} from '../../source/components/server-table.js';
import {serverRow} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
});

function frame(element: React.JSX.Element): string {
	const rendered = render(element);
	cleanup = rendered.unmount;
	return rendered.lastFrame() ?? '';
}

const now = Date.now();

describe('servers off this machine and entries not tried (issue 9, items 1 and 6)', () => {
	test('a remote server is marked in the address column; a loopback one is not', () => {
		const remote = serverRow('far', {}, {remote: true});
		remote.entry.host = '10.0.0.5';
		const lines = frame(
			<ServerTable
				width={120}
				height={5}
				now={now}
				servers={[serverRow('near'), remote]}
			/>,
		).split('\n');
		const row = (id: string) =>
			lines.find((line) => line.includes(` ${id} `)) ?? '';
		expect(row('far')).toMatch(/⚠ 10\.0\.0\.5:\d+/);
		expect(row('near')).toMatch(/ localhost:\d+/);
		expect(row('near')).not.toContain('⚠');
	});

	test('a withheld token and an invalid entry say why on their row, escaped', () => {
		const lines = frame(
			<ServerTable
				width={140}
				height={5}
				now={now}
				servers={[
					serverRow('lan', {
						status: 'withheld',
						error: 'token withheld: 10.0.0.5 is not loopback and not TLS',
					}),
					serverRow('broken', {
						status: 'invalid',
						error: 'cannot connect: Invalid URL \u001B]0;title\u0007',
					}),
				]}
			/>,
		).split('\n');
		const row = (id: string) =>
			lines.find((line) => line.includes(` ${id} `)) ?? '';
		expect(row('lan')).toMatch(
			/✕ withheld .*token withheld: 10\.0\.0\.5 is not loopback and not TLS/,
		);
		expect(row('broken')).toMatch(
			/✕ invalid .*cannot connect: Invalid URL ␛]0;title␇/,
		);
		expect(lines.join('\n')).not.toContain('\u001B]');
	});

	test('the prompt says how many recipients are remote', () => {
		expect(
			frame(
				<InputLine value="" cursor={0} recipients={3} remote={1} width={80} />,
			),
		).toContain('[all · 3 · 1 remote] ›');
		expect(
			frame(<InputLine value="" cursor={0} recipients={3} width={80} />),
		).toContain('[all · 3] ›');
	});
});
