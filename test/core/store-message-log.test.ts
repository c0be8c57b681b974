import {describe, expect, test} from 'vitest';
import {
	recordOverheadBytes,
	type MessageRecord,
} from '../../source/core/messages/record.js';
import {createMessageLog} from '../../source/core/store/message-log.js';

type Fake = MessageRecord & {settled: number};

function fake(seq: number, bytes = 0): Fake {
	const record: Fake = {
		seq,
		time: 0,
		serverId: 's',
		direction: 'in',
		bytes,
		settled: 0,
		decoded() {
			throw new Error('not needed');
		},
		settle() {
			record.settled++;
		},
	};
	return record;
}

describe('the message log', () => {
	test('keeps the newest messages and counts those it dropped', () => {
		const log = createMessageLog(3, Number.POSITIVE_INFINITY);
		for (let seq = 0; seq < 5; seq++) {
			log.push(fake(seq));
		}

		expect(log.list().map((record) => record.seq)).toEqual([2, 3, 4]);
		expect(log.total).toBe(5);
		expect(log.dropped).toBe(2);
	});

	test('is bounded by bytes too', () => {
		const log = createMessageLog(100, 3 * (recordOverheadBytes + 10));
		for (let seq = 0; seq < 5; seq++) {
			log.push(fake(seq, 10));
		}

		expect(log.list().map((record) => record.seq)).toEqual([2, 3, 4]);
	});

	test('the list is the same array while nothing was pushed or cleared, so memos hold', () => {
		const log = createMessageLog(3, Number.POSITIVE_INFINITY);
		log.push(fake(0));
		const first = log.list();
		expect(log.list()).toBe(first);
		log.push(fake(1));
		const second = log.list();
		expect(second).not.toBe(first);
		expect(second.map((record) => record.seq)).toEqual([0, 1]);
		// Full: a push keeps the length the same but changes the list.
		log.push(fake(2));
		log.list();
		log.push(fake(3));
		expect(log.list().map((record) => record.seq)).toEqual([1, 2, 3]);
		log.clear();
		expect(log.list()).toEqual([]);
		expect(log.total).toBe(4);
	});

	test('each kept message is settled once, when listed; dropped ones never', () => {
		const log = createMessageLog(2, Number.POSITIVE_INFINITY);
		const records = [fake(0), fake(1), fake(2)];
		for (const record of records) {
			log.push(record);
		}

		expect(records.map((record) => record.settled)).toEqual([0, 0, 0]);
		log.list();
		expect(records.map((record) => record.settled)).toEqual([0, 1, 1]);
		log.list();
		const next = fake(3);
		log.push(next);
		log.list();
		expect([...records, next].map((record) => record.settled)).toEqual([
			0, 1, 1, 1,
		]);
	});
});
