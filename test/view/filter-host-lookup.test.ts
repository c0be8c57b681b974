import {describe, expect, test} from 'vitest';
import {frameRecord} from '../../source/core/messages/record.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {hostLookup} from '../../source/view/host-names.js';
import {filterMessages} from '../../source/view/message-window.js';
import {serverRow} from '../helpers/monitor-fixtures.js';

describe('host= in the pane: each line read with its server’s machine', () => {
	test('the lines of servers on build-box, by the hostId of their entries', () => {
		const servers = [
			{
				...serverRow('api'),
				entry: {...serverRow('api').entry, hostId: 'build-box/0123456789ab'},
			},
			{
				...serverRow('web'),
				entry: {...serverRow('web').entry, hostId: 'laptop/ba9876543210'},
			},
			serverRow('local'),
		];
		const messages = ['api', 'web', 'local', 'api'].map((id, index) =>
			frameRecord(
				{seq: index + 1, time: Date.now(), serverId: id, direction: 'in'},
				`m${index}`,
				false,
			),
		);
		const parsed = parseFilter('host=build-box');
		if (!parsed.ok) {
			throw new Error(parsed.error);
		}

		const kept = filterMessages(
			messages,
			parsed.filter,
			false,
			hostLookup(servers),
		);
		expect(kept.map((record) => record.seq)).toEqual([1, 4]);
		// Without knowing the machines, nothing is on build-box (a new filter: answers are kept per filter).
		const again = parseFilter('host=build-box');
		expect(again.ok && filterMessages(messages, again.filter)).toEqual([]);
	});
});
