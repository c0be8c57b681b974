import {render} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app.js';
import {keys} from '../helpers/terminal.js';
import {waitForFrame} from '../helpers/ink-frames.js';
import {
	fakeStore,
	serverRow,
	snapshotOf,
	textMessages,
	type FakeStore,
} from '../helpers/monitor-fixtures.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

function mount(store: FakeStore) {
	const rendered = render(
		<App store={store} registryLabel="~/.shipyard/servers.json" />,
	);
	cleanup = rendered.unmount;
	return rendered;
}

function twoServers(extra: Parameters<typeof snapshotOf>[0] = {}) {
	return fakeStore(
		snapshotOf({servers: [serverRow('alpha'), serverRow('beta')], ...extra}),
	);
}

/** Types each string as a separate keypress, waiting for ink between them as a person would. */
async function type(
	stdin: {write: (data: string) => void},
	lastFrame: () => string | undefined,
	...presses: string[]
) {
	for (const press of presses) {
		const before = lastFrame();
		stdin.write(press);
		// eslint-disable-next-line no-await-in-loop
		await waitForFrame(
			lastFrame,
			(frame) => frame !== before || press === keys.enter,
			`the frame after ${JSON.stringify(press)}`,
		).catch(() => undefined);
	}
}

describe('App', () => {
	test('shows the header with counts, the table, the pane and a prompt with the number of recipients', async () => {
		const {lastFrame} = mount(twoServers({messages: textMessages(3)}));
		const frame = await waitForFrame(lastFrame, (text) =>
			text.includes('line 2'),
		);
		expect(frame).toMatch(
			/shipyard · ~\/\.shipyard\/servers\.json · 2 servers: 2 connected/,
		);
		expect(frame).toMatch(/─ servers/);
		expect(frame).toMatch(/─ messages · all · following/);
		expect(frame).toMatch(/\[all · 2] › /);
	});

	test('Enter sends the line to every connected server; typing keeps working in one chunk', async () => {
		const store = twoServers();
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write('hello\r');
		await waitForFrame(lastFrame, () => store.sent.length === 1);
		expect(store.sent).toEqual([{text: 'hello'}]);
	});

	test('keys that arrive in one chunk are taken one by one', async () => {
		const store = twoServers();
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write('\t\tabx\u007Fc\r');
		await waitForFrame(lastFrame, () => store.sent.length === 1);
		expect(store.sent).toEqual([{text: 'abc', to: 'beta'}]);
		// A bracketed paste is text: its line break goes out with the line on Enter.
		stdin.write('\u001B[200~pasted\nlines\u001B[201~\r');
		await waitForFrame(lastFrame, () => store.sent.length === 2);
		expect(store.sent[1]).toEqual({text: 'pasted\nlines', to: 'beta'});
	});

	test('Tab cycles the target through each server and back to all; the prompt follows', async () => {
		const store = twoServers();
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write(keys.tab);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('[alpha] › '),
			'target alpha',
		);
		expect(lastFrame()).toMatch(/^▸ alpha/m);
		stdin.write(keys.tab);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('[beta] › '),
			'target beta',
		);
		stdin.write('hi\r');
		await waitForFrame(lastFrame, () => store.sent.length === 1);
		expect(store.sent).toEqual([{text: 'hi', to: 'beta'}]);
		stdin.write(keys.tab);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('[all · 2] › '),
			'back to all',
		);
	});

	test('↑ and ↓ bring back sent lines', async () => {
		const store = twoServers();
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write('first\r');
		await waitForFrame(lastFrame, () => store.sent.length === 1);
		stdin.write('second\r');
		await waitForFrame(lastFrame, () => store.sent.length === 2);
		await type(stdin, lastFrame, keys.up, keys.up);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('› first'),
			'the older line',
		);
		await type(stdin, lastFrame, keys.down);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('› second'),
			'the newer line',
		);
	});

	test('sending with nothing connected says so instead of sending', async () => {
		const store = fakeStore(
			snapshotOf({
				servers: [
					serverRow('gone', {status: 'stale', staleReason: 'pid gone'}),
				],
			}),
		);
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(
			lastFrame,
			(text) =>
				text.includes('[all · 0]') && text.includes('nothing connected'),
		);
		stdin.write('anyone\r');
		await waitForFrame(lastFrame, () => store.notes.length === 1);
		expect(store.sent).toEqual([]);
		expect(store.notes[0]).toBe(
			'not sent: nothing is connected (1 registered)',
		);
	});

	test('PgUp pauses following and counts new lines; End follows again', async () => {
		const store = twoServers({messages: textMessages(100)});
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('line 99'));
		stdin.write(keys.pageUp);
		const paused = await waitForFrame(
			lastFrame,
			(text) => text.includes('paused'),
			'the pane to pause',
		);
		expect(paused).not.toContain('line 99');
		store.publish(
			snapshotOf({
				servers: store.getSnapshot().servers,
				messages: textMessages(105),
			}),
		);
		await waitForFrame(
			lastFrame,
			(text) => /paused · \d+ new/.test(text),
			'the new-line count',
		);
		stdin.write(keys.end);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('following') && text.includes('line 104'),
			'following again',
		);
	});

	test('? opens the help listing keys and slash commands; Esc closes it', async () => {
		const {stdin, lastFrame} = mount(twoServers());
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write('?');
		const help = await waitForFrame(
			lastFrame,
			(text) => text.includes('─ help'),
			'the help view',
		);
		for (const item of ['Tab / Shift+Tab', 'PgUp / PgDn', '^Z', '^N / ^P']) {
			expect(help).toContain(item);
		}

		// The rest is a scroll away.
		stdin.write(keys.end);
		const end = await waitForFrame(
			lastFrame,
			(text) => text.includes('/sub <topic>'),
			'the end of the help',
		);
		expect(end).toContain('/save <file>');
		expect(end).toContain('─ help');

		// The rule stays whole: nothing is drawn over it.
		expect(help).toMatch(/^─ help · .*Esc closes ─+$/m);

		stdin.write(keys.escape);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('─ servers'),
			'the table again',
		);
	});

	test('slash commands: /filter narrows the pane, /sub subscribes, unknown ones explain', async () => {
		const store = twoServers({
			messages: [...textMessages(3, 'alpha', 0), ...textMessages(3, 'beta', 3)],
		});
		const {stdin, lastFrame} = mount(store);
		await waitForFrame(lastFrame, (text) => text.includes('line 2'));
		stdin.write('/filter @beta line 1\r');
		const filtered = await waitForFrame(
			lastFrame,
			(text) => text.includes('filter @beta "line" "1" · 5 hidden'),
			'the filter',
		);
		expect(
			filtered.split('\n').filter((line) => line.includes('← line')),
		).toHaveLength(1);
		stdin.write('/sub reasoning:abc\r');
		await waitForFrame(lastFrame, () => store.topics.length === 1);
		expect(store.topics).toEqual(['+reasoning:abc']);
		stdin.write('/nope\r');
		await waitForFrame(lastFrame, () => store.notes.length === 1);
		expect(store.notes[0]).toContain('unknown command /nope');
	});

	test('Ctrl+C clears a non-empty line first', async () => {
		const {stdin, lastFrame} = mount(twoServers());
		await waitForFrame(lastFrame, (text) => text.includes('[all · 2]'));
		stdin.write('draft');
		await waitForFrame(lastFrame, (text) => text.includes('› draft'));
		stdin.write(keys.ctrlC);
		await waitForFrame(
			lastFrame,
			(text) => text.includes('type a message'),
			'the cleared line',
		);
	});
});
