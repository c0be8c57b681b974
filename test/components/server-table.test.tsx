import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {ServerTable} from '../../source/components/server-table.js';
import {serverRow} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
});

function table(props: Parameters<typeof ServerTable>[0]) {
	const rendered = render(<ServerTable {...props} />);
	cleanup = rendered.unmount;
	return (rendered.lastFrame() ?? '').split('\n');
}

const now = Date.now();

describe('ServerTable', () => {
	test('shows each state with a glyph and a word, and why a server is not connected', () => {
		const lines = table({
			width: 120,
			height: 10,
			now,
			servers: [
				serverRow('api'),
				serverRow('flaky', {
					status: 'reconnecting',
					attempt: 3,
					nextRetryAt: now + 3500,
					lastClose: {code: 1006, reason: '', meaning: 'abnormal closure'},
				}),
				serverRow('guarded', {
					status: 'rejected',
					attempt: 1,
					httpStatus: 401,
					nextRetryAt: now + 500,
				}),
				serverRow('gone', {status: 'stale', staleReason: 'pid gone'}),
			],
		});
		const row = (id: string) =>
			lines.find((line) => line.includes(` ${id} `)) ?? '';
		expect(row('api')).toMatch(
			/● connected\s+localhost:\d+\s+\d+\s+1m0\ds\s+2ms\s+1\.2k/,
		);
		expect(row('flaky')).toMatch(
			/◌ reconnecting .*#3 in 4s · 1006 abnormal closure/,
		);
		expect(row('guarded')).toMatch(/✕ rejected .*HTTP 401 · #1 in 1s/);
		expect(row('gone')).toMatch(/✕ stale .*pid gone/);
		expect(lines[1]).toMatch(
			/^ {2}ID\s+STATUS\s+ADDRESS\s+PID\s+UP\s+RTT\s+IN\s+OUT\s+RATE/,
		);
	});

	test('drops columns as it narrows and no line is wider than the terminal', () => {
		const servers = [serverRow('api'), serverRow('worker-with-a-long-name')];
		for (const width of [100, 80, 60]) {
			const lines = table({width, height: 5, now, servers});
			for (const line of lines) {
				expect([...line].length).toBeLessThanOrEqual(width);
			}

			cleanup?.();
		}

		const narrow = table({width: 60, height: 5, now, servers});
		expect(narrow[1]).toMatch(/ID\s+STATUS\s+ADDRESS\s+UP\s+IN$/);
		expect(narrow.join('\n')).not.toContain('RTT');
	});

	test('scrolls to keep the selected server in view and says how many are shown', () => {
		const servers = Array.from({length: 10}, (_, index) =>
			serverRow(`srv-${index}`),
		);
		const lines = table({
			width: 100,
			height: 3,
			now,
			servers,
			selectedId: 'srv-7',
		});
		expect(lines[0]).toContain('3 of 10 shown');
		const ids = lines.slice(2).map((line) => /srv-\d/.exec(line)?.[0]);
		expect(ids).toEqual(['srv-5', 'srv-6', 'srv-7']);
		expect(lines.find((line) => line.includes('srv-7'))).toMatch(/^▸ /);
	});

	test('escapes control characters in ids from the registry', () => {
		const lines = table({
			width: 100,
			height: 3,
			now,
			servers: [serverRow('evil\u001B]0;x\u0007')],
		});
		expect(lines.join('\n')).toContain('evil␛]0;x␇');
		expect(lines.join('\n')).not.toContain('\u0007');
	});
});
