import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useEffect} from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {App} from '../../source/app.js';
import {DetailView} from '../../source/components/detail-view.js';
import {frameRecord} from '../../source/core/messages/record.js';
import {useFeedback} from '../../source/hooks/use-feedback.js';
import {detailLines} from '../../source/view/detail-text.js';
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

function mount(store: FakeStore, registryLabel = '~/.shipyard/servers.json') {
	const rendered = render(<App store={store} registryLabel={registryLabel} />);
	cleanup = rendered.unmount;
	return rendered;
}

function twoServers(extra: Parameters<typeof snapshotOf>[0] = {}) {
	return fakeStore(
		snapshotOf({servers: [serverRow('alpha'), serverRow('beta')], ...extra}),
	);
}

const ready = (text: string) => text.includes('[all · 2]');

describe('command feedback by the prompt', () => {
	test('with a filter on, /to nobody still shows its error, whole, above the prompt', async () => {
		const {stdin, lastFrame} = mount(twoServers({messages: textMessages(3)}));
		await waitForFrame(lastFrame, ready);
		stdin.write('/filter @alpha line\r');
		await waitForFrame(lastFrame, (text) => text.includes('@alpha'));
		stdin.write('/to nobody\r');
		const frame = await waitForFrame(
			lastFrame,
			(text) => text.includes('no server "nobody"'),
			'the error by the prompt',
		);
		const lines = frame.split('\n');
		const prompt = lines.findIndex((line) => line.startsWith('[all · 2]'));
		expect(lines[prompt - 1]).toContain(
			'no server "nobody" (ids: alpha, beta)',
		);
	});

	test('a failed /save says why, in full, even when the filter hides every note', async () => {
		const {stdin, lastFrame} = mount(twoServers({messages: textMessages(3)}));
		await waitForFrame(lastFrame, ready);
		stdin.write('/filter zzz-matches-nothing\r');
		await waitForFrame(lastFrame, (text) => text.includes('no messages match'));
		stdin.write('/save /nonexistent-folder-shipyard/x.log\r');
		const frame = await waitForFrame(
			lastFrame,
			(text) => text.includes('could not save'),
			'the save error',
		);
		expect(frame.replaceAll('\n ', '')).toMatch(
			/could not save to \/nonexistent-folder-shipyard\/x\.log: no such folder \(ENOENT\)/,
		);
	});

	test('a long error wraps onto more lines instead of being cut', async () => {
		const {stdin, lastFrame} = mount(twoServers());
		await waitForFrame(lastFrame, ready);
		const long = `server-${'x'.repeat(120)}-end`;
		stdin.write(`/to ${long}\r`);
		const frame = await waitForFrame(
			lastFrame,
			(text) => text.includes('-end"'),
			'the end of the long error',
		);
		const lines = frame.split('\n');
		const prompt = lines.findIndex((line) => line.startsWith('[all · 2]'));
		const rule = lines.lastIndexOf('─'.repeat(100), prompt);
		const answer = lines.slice(rule + 1, prompt);
		expect(answer.length).toBeGreaterThan(1);
		// Spaces aside (rows are indented, and the frame drops their trailing ones), all of it is there.
		expect(answer.join('').replaceAll(' ', '')).toBe(
			`no server "${long}" (ids: alpha, beta)`.replaceAll(' ', ''),
		);
	});

	test('/filter @nobody is kept but warns that no such server is registered', async () => {
		const {stdin, lastFrame} = mount(twoServers({messages: textMessages(2)}));
		await waitForFrame(lastFrame, ready);
		stdin.write('/filter @nobody\r');
		const frame = await waitForFrame(
			lastFrame,
			(text) => text.includes('no server "nobody" is registered yet'),
			'the warning',
		);
		expect(frame).toContain('─ messages · filter @nobody');
	});

	test('the next Enter replaces the answer', async () => {
		const {stdin, lastFrame} = mount(twoServers());
		await waitForFrame(lastFrame, ready);
		stdin.write('/nope\r');
		await waitForFrame(lastFrame, (text) => text.includes('unknown command'));
		stdin.write('/to alpha\r');
		const frame = await waitForFrame(lastFrame, (text) =>
			text.includes('sending to alpha'),
		);
		expect(frame).not.toContain('unknown command');
	});
});

describe('help and detail scroll', () => {
	test('help scrolls to its last entry with ↓ and End; the hint says what is left', async () => {
		const {stdin, lastFrame} = mount(twoServers());
		await waitForFrame(lastFrame, ready);
		stdin.write('?');
		const first = await waitForFrame(lastFrame, (text) =>
			text.includes('─ help'),
		);
		expect(first).not.toContain('//text');
		expect(first).toMatch(/more entries below/);
		stdin.write(keys.end);
		const last = await waitForFrame(
			lastFrame,
			(text) => text.includes('//text'),
			'the last help entry',
		);
		expect(last).toContain('/quit');
		expect(last).toMatch(/end · ↑ \d+ entries above/);
		stdin.write(keys.home);
		await waitForFrame(lastFrame, (text) => text.includes(' Enter   '));
		stdin.write(keys.down);
		await waitForFrame(
			lastFrame,
			(text) => !text.includes(' Enter   ') && text.includes('Tab / Shift'),
			'one row down',
		);
	});

	test('the detail view scrolls a long message and shows its first line under the title', async () => {
		const text = Array.from({length: 60}, (_, index) => `row ${index}`).join(
			'\n',
		);
		const message = frameRecord(
			{seq: 1, time: Date.now(), serverId: 'alpha', direction: 'in'},
			text,
			false,
		);
		const {stdin, lastFrame} = mount(twoServers({messages: [message]}));
		await waitForFrame(lastFrame, ready);
		stdin.write('\u000F');
		const opened = await waitForFrame(lastFrame, (frame) =>
			frame.includes('─ message ·'),
		);
		const lines = opened.split('\n');
		const rule = lines.findIndex((line) => line.startsWith('─ message ·'));
		expect(lines[rule + 1]).toBe('row 0');
		expect(opened).toMatch(/↓ \d+ more lines below/);
		stdin.write(keys.end);
		await waitForFrame(
			lastFrame,
			(frame) => frame.includes('row 59'),
			'the last row',
		);
		stdin.write(keys.pageUp);
		await waitForFrame(
			lastFrame,
			(frame) => !frame.includes('row 59'),
			'a page up',
		);
	});
});

describe('detail view', () => {
	test('shows every one of 200 CJK characters at 80 columns, 40 to a row', () => {
		const text = '漢'.repeat(200);
		const message = frameRecord(
			{seq: 1, time: Date.now(), serverId: 'alpha', direction: 'in'},
			text,
			false,
		);
		const lines = detailLines(message, 80);
		expect(lines).toEqual(Array.from({length: 5}, () => '漢'.repeat(40)));
		const {lastFrame, unmount} = render(
			<DetailView
				lines={lines}
				summary="alpha"
				width={80}
				height={12}
				offset={0}
			/>,
		);
		cleanup = unmount;

		const frame = lastFrame() ?? '';
		expect([...frame.matchAll(/漢/g)]).toHaveLength(200);
	});
});

describe('the empty table and the header', () => {
	test('the first run says how to get a server', async () => {
		const {lastFrame} = mount(fakeStore(snapshotOf()), '/tmp/reg/servers.json');
		const frame = await waitForFrame(lastFrame, (text) =>
			text.includes('no servers registered yet'),
		);
		expect(frame).toContain('shipyard-tui serve');
		expect(frame).toContain('shipyard-tui demo');
	});

	test('a broken registry says so and why, not "no servers registered yet"', async () => {
		const {lastFrame} = mount(
			fakeStore(
				snapshotOf({
					registryFile: 'stale',
					warnings: [
						{file: '/tmp/reg/servers.json', message: 'invalid JSON at 12'},
					],
				}),
			),
		);
		const frame = await waitForFrame(lastFrame, (text) =>
			text.includes('registry file is broken'),
		);
		expect(frame).toContain('invalid JSON at 12');
		expect(frame).not.toContain('no servers registered yet');
		expect(frame).not.toContain('last good');
	});

	test('the registry path in the header is sanitised: an OSC title never reaches the terminal', async () => {
		const {lastFrame} = mount(
			twoServers(),
			'/tmp/x\u001B]0;PWNED\u0007y/servers.json',
		);
		const frame = await waitForFrame(lastFrame, ready);
		expect(frame).not.toContain('\u001B]0;');
		expect(frame).toContain('␛]0;PWNED␇y');
	});
});

describe('invisible characters from the registry', () => {
	test('an id with a zero-width space shows the mark in the table, not a look-alike', async () => {
		const {lastFrame} = mount(
			fakeStore(snapshotOf({servers: [serverRow('pay\u200Bpal')]})),
		);
		const frame = await waitForFrame(lastFrame, (text) =>
			text.includes('[all · 1]'),
		);
		expect(frame).toContain(String.raw`pay\u200bpal`);
		expect(frame).not.toContain('\u200B');
	});
});

describe('useFeedback', () => {
	function Probe({say}: {readonly say: string}) {
		const [feedback, show] = useFeedback(60);
		useEffect(() => {
			show({text: say, tone: 'info'});
		}, [say, show]);
		return <Text>{feedback?.text ?? 'nothing'}</Text>;
	}

	test('an answer goes away by itself after a while', async () => {
		const {lastFrame, unmount} = render(<Probe say="saved 3 messages" />);
		cleanup = unmount;
		await waitForFrame(lastFrame, (text) => text === 'saved 3 messages');
		await waitForFrame(lastFrame, (text) => text === 'nothing', 'it to expire');
	});
});
