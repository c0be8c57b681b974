import {describe, expect, test} from 'vitest';
import {type ServerView} from '../../../source/core/connections/types.js';
import {createViewChanges} from '../../../source/core/ingest-worker/view-changes.js';

function view(id: string): ServerView {
	return {
		id,
		entry: {id, port: 1, pid: 1},
		state: {status: 'connecting', attempt: 0},
		counters: {messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0},
	};
}

describe('createViewChanges', () => {
	test('posts every view and the ids the first time, then only what changed', () => {
		const changes = createViewChanges();
		const a = view('a');
		const b = view('b');
		expect(changes.take([a, b])).toEqual({changed: [a, b], ids: ['a', 'b']});
		expect(changes.take([a, b])).toEqual({changed: []});
		a.counters.messagesIn++;
		expect(changes.take([a, b])).toEqual({changed: [a]});
		b.counters.rttMs = 3;
		expect(changes.take([a, b])).toEqual({changed: [b]});
		for (const field of ['bytesIn', 'messagesOut', 'bytesOut'] as const) {
			a.counters[field]++;
			expect(changes.take([a, b])).toEqual({changed: [a]});
		}

		b.state = {status: 'connected', attempt: 0, connectedAt: 1};
		expect(changes.take([a, b])).toEqual({changed: [b]});
		a.entry = {...a.entry};
		expect(changes.take([a, b])).toEqual({changed: [a]});
	});

	test('says the ids again when servers come, go or change places', () => {
		const changes = createViewChanges();
		const [a, b, c] = [view('a'), view('b'), view('c')];
		changes.take([a, b]);
		expect(changes.take([b, a])).toEqual({changed: [], ids: ['b', 'a']});
		expect(changes.take([b, a, c])).toEqual({
			changed: [c],
			ids: ['b', 'a', 'c'],
		});
		expect(changes.take([b, c])).toEqual({changed: [], ids: ['b', 'c']});
		expect(changes.take([])).toEqual({changed: [], ids: []});
	});
});
