/**
A search over a big scrollback: the screen does not wait for the whole count. The first frames name
the search and say "counting…" with a count that is still growing; later frames finish it.
*/
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app.js';
import {frameRecord} from '../../source/core/messages/record.js';
import {groupDigits} from '../../source/view/highlight.js';
import {waitFor} from '../helpers/wait-for.js';
import {fakeStore, serverRow, snapshotOf} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

const backlog = 20_000;
// Every 5th message is a warning.
const warnings = backlog / 5;

function logs() {
	return Array.from({length: backlog}, (_, index) =>
		frameRecord(
			{seq: index, time: Date.now(), serverId: 'alpha', direction: 'in'},
			JSON.stringify({
				type: 'log',
				level: index % 5 === 0 ? 'warn' : 'info',
				text: `step ${index} of the build, with some words to read`,
			}),
			false,
		),
	);
}

describe('the monitor, counting a search over a big scrollback', () => {
	test('shows the search at once with "counting…", and the count converges to the exact number', async () => {
		const store = fakeStore(
			snapshotOf({servers: [serverRow('alpha')], messages: logs()}),
		);
		const rendered = render(<App store={store} registryLabel="r.json" />);
		cleanup = rendered.unmount;
		const {stdin, frames} = rendered;
		const rules = () =>
			frames
				.map((frame) => stripVTControlCharacters(frame))
				.map((frame) =>
					frame.split('\n').find((line) => line.startsWith('─ messages')),
				)
				.filter((line): line is string => line?.includes('find') ?? false);
		await waitFor(() => frames.length > 0, {what: 'the first frame'});
		stdin.write('/find warn\r');
		const final = `find "warn" · ${groupDigits(warnings)} matches · following`;
		await waitFor(() => rules().some((rule) => rule.includes(final)), {
			timeoutMs: 20_000,
			what: `the rule to say ${final}`,
		});
		const seen = rules();
		const first = seen[0]!;
		// The first frame with the search did not wait for it to finish.
		expect(first).toContain('counting…');
		const counts = seen.map((rule) =>
			Number(
				/find "warn" · ([\d\s\u202F\u00A0]+) match/
					.exec(rule)![1]!
					.replaceAll(/\D/g, ''),
			),
		);
		expect(counts[0]).toBeLessThan(warnings);
		// Growing, never past the exact count, and counting… gone once it is reached.
		for (const [index, count] of counts.entries()) {
			expect(count).toBeLessThanOrEqual(warnings);
			expect(count).toBeGreaterThanOrEqual(counts[index - 1] ?? 0);
		}

		expect(seen.at(-1)).not.toContain('counting…');
	}, 30_000);
});
