import {describe, expect, test} from 'vitest';
import {createAlerts} from '../../source/core/alerts/alerts.js';
import {type Feedback} from '../../source/view/feedback.js';
import {runEffects} from '../../source/view/run-effects.js';
import {initialUiState} from '../../source/view/ui-state.js';
import {fakeStore, serverRow, snapshotOf} from '../helpers/monitor-fixtures.js';
import {enter} from '../helpers/step.js';

const servers = [
	serverRow('alpha'),
	serverRow('beta'),
	serverRow('down', {status: 'reconnecting'}),
];

function run(line: string, state = initialUiState) {
	const store = fakeStore(snapshotOf({servers}));
	const said: Array<Feedback | undefined> = [];
	const alerts = createAlerts({now: Date.now, fired: () => undefined});
	const step = enter(line, {state});
	runEffects(step.effects, {
		store,
		snapshot: store.getSnapshot(),
		exit: () => undefined,
		suspend: () => undefined,
		say(feedback) {
			said.push(feedback);
		},
		alerts,
		snippets: {
			hello: 'hi {id} at {time}',
			plain: '{"type":"ping"}',
		},
	});
	return {step, store, said, alerts};
}

describe('/snip', () => {
	test('sends the snippet to each connected server with its own {id} and the {time}', () => {
		const before = Date.now();
		const {store} = run('/snip hello');
		expect(store.sent.map(({to}) => to)).toEqual(['alpha', 'beta']);
		for (const {text, to} of store.sent) {
			const match = /^hi (\w+) at (\S+)$/.exec(text);
			expect(match?.[1]).toBe(to);
			expect(Date.parse(match![2]!)).toBeGreaterThanOrEqual(before - 1000);
		}
	});

	test('to the chosen target only; a snippet without {id} goes once, like typed input', () => {
		expect(
			run('/snip hello', {...initialUiState, target: 'beta'}).store.sent,
		).toEqual([{text: expect.stringMatching(/^hi beta at /), to: 'beta'}]);
		expect(run('/snip plain').store.sent).toEqual([{text: '{"type":"ping"}'}]);
	});

	test('alone it lists the snippets; an unknown name says which exist', () => {
		expect(run('/snip').said.at(-1)?.text).toBe('snippets: hello, plain');
		const unknown = run('/snip nope');
		expect(unknown.store.sent).toEqual([]);
		expect(unknown.said.at(-1)).toEqual({
			text: 'no snippet "nope" (snippets: hello, plain)',
			tone: 'error',
		});
		// Not a key of an object's prototype either.
		expect(run('/snip constructor').store.sent).toEqual([]);
	});
});

describe('/alert, /unalert, /alerts', () => {
	test('/alert adds a pattern, refuses a bad regex, and lists them when alone', () => {
		const {alerts, said} = run('/alert /fatal|panic/i');
		expect(alerts.patterns().map((pattern) => pattern.label)).toEqual([
			'/fatal|panic/i',
		]);
		expect(said.at(-1)?.text).toBe(
			'alerting on messages matching /fatal|panic/i',
		);
		const bad = run('/alert /(/');
		expect(bad.alerts.patterns()).toEqual([]);
		expect(bad.said.at(-1)?.tone).toBe('error');
		expect(run('/alert').said.at(-1)?.text).toMatch(/^no message alerts/);
	});

	test('/alerts opens the list and clears the badge', () => {
		const {step} = run('/alerts');
		expect(step.state.overlay).toBe('alerts');
		expect(step.effects).toContainEqual({type: 'alerts-seen'});
		const alerts = createAlerts({now: Date.now, fired: () => undefined});
		alerts.observe({
			seq: 0,
			time: 0,
			serverId: 'x',
			direction: 'system',
			bytes: 0,
			systemEvent: {event: 'unreachable', tokenOnLocalhost: false},
			decoded: () => ({kind: 'text', preview: '', full: '', bytes: 0}),
		});
		expect(alerts.snapshot().unseen).toBe(1);
		const store = fakeStore(snapshotOf());
		runEffects(step.effects, {
			store,
			snapshot: store.getSnapshot(),
			exit: () => undefined,
			suspend: () => undefined,
			say: () => undefined,
			alerts,
		});
		expect(alerts.snapshot().unseen).toBe(0);
	});
});
