import {fc, test} from '@fast-check/vitest';
import {expect} from 'vitest';
import {countedStatuses as statuses} from '../../source/components/header.js';
import {headerCounts} from './screen.mjs';

const read = new Set([
	'connected',
	'connecting',
	'reconnecting',
	'rejected',
	'unreachable',
	'stale',
]);

/** A header as the TUI draws it: counts of the statuses present, a registry path, warnings, help. */
const headers = fc
	.record({
		counts: fc.array(fc.integer({min: 0, max: 5000}), {
			minLength: statuses.length,
			maxLength: statuses.length,
		}),
		path: fc.constantFrom(
			'/tmp/shipyard-bench-x/many.json',
			'~/.shipyard/servers.json',
		),
		warnings: fc.integer({min: 0, max: 60}),
	})
	.map(({counts, path, warnings}) => {
		const present = statuses
			.map((status, index) => ({status, count: counts[index]!}))
			.filter(({count}) => count > 0);
		const total = present.reduce((sum, {count}) => sum + count, 0);
		const line = ` shipyard · ${path} · ${total} ${total === 1 ? 'server' : 'servers'}${present.length > 0 ? ': ' : ''}${present.map(({status, count}) => `${count} ${status}`).join(' · ')}${warnings > 0 ? `  ⚠ ${warnings} warnings` : ''}  ? help `;
		const expected: Record<string, number> = {servers: total};
		for (const {status, count} of present) {
			if (read.has(status)) {
				expected[status] = count;
			}
		}

		return {line, expected};
	});

test.prop([headers], {numRuns: 200})(
	'reads the server counts off the header line, whatever statuses it shows',
	({line, expected}) => {
		expect(headerCounts({line: () => line})).toEqual(expected);
	},
);
