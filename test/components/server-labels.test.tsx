import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {useServerLabels} from '../../source/hooks/use-server-labels.js';
import {serverRow} from '../helpers/monitor-fixtures.js';
import {waitFor} from '../helpers/wait-for.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
});

type Rows = Array<ReturnType<typeof serverRow>>;

test('the labels stay the same map across snapshots until an id or a name changes', async () => {
	const seen: Array<ReadonlyMap<string, string>> = [];
	function Probe({servers}: {readonly servers: Rows}) {
		const labels = useServerLabels(servers);
		seen.push(labels);
		return <Text>{[...labels.values()].join(',')}</Text>;
	}

	// Every snapshot brings new row objects, as the store's do.
	const rows = (name?: string): Rows => {
		const bravo = serverRow('bravo');
		return [
			serverRow('alpha'),
			name === undefined ? bravo : {...bravo, entry: {...bravo.entry, name}},
		];
	};

	const rendered = render(<Probe servers={rows()} />);
	cleanup = rendered.unmount;
	rendered.rerender(<Probe servers={rows()} />);
	rendered.rerender(<Probe servers={rows()} />);
	await waitFor(() => seen.length >= 3);
	expect(new Set(seen).size).toBe(1);
	rendered.rerender(<Probe servers={rows('Bravo box')} />);
	await waitFor(() => rendered.lastFrame() === 'alpha,Bravo box');
	expect(seen.at(-1)).not.toBe(seen[0]);
	expect(seen.at(-1)!.get('bravo')).toBe('Bravo box');
});
