import fs from 'node:fs';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {registerServer} from '../../../source/core/registry/index.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

// What plain JavaScript (or a JSON config gone wrong) can pass where an entry belongs.
test.each([
	['null', null],
	['nothing', undefined],
	['a number', 42],
	['a string', 'not an object'],
	['an empty list', []],
	['a list of entries', [{id: 'a', port: 1}]],
])(
	'%s instead of an entry is refused with a message that says what is expected, and nothing is written',
	(_, input) => {
		expect(() =>
			registerServer(input as never, {
				registryPath: temporary.registryPath,
				unregisterOnExit: false,
			}),
		).toThrow(
			new Error(
				'cannot register "undefined": expected an object with id, port and pid',
			),
		);
		expect(fs.existsSync(temporary.registryPath)).toBe(false);
	},
);

test('an entry that lacks a field names that field', () => {
	expect(() =>
		registerServer(
			{id: 'x'},
			{
				registryPath: temporary.registryPath,
				unregisterOnExit: false,
			},
		),
	).toThrow(new Error('cannot register "x": port is missing'));
});
