/**
A rewrite whose temporary file cannot be made (EACCES on the folder, a full disk) must fail with that
reason. As root the tests cannot make the folder refuse us, so this one stands in for the kernel: the
temporary file's write throws EACCES before anything is created, as it would for another user.
*/
import fs from 'node:fs';
import {afterEach, expect, test, vi} from 'vitest';
import {updateRegistrySync} from '../../../source/core/registry/update.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

const temporary = makeTemporaryFolder();
afterEach(() => {
	vi.restoreAllMocks();
	temporary.cleanup();
});

test('a temporary file that cannot be made: the write fails with that reason, not a clean-up error', () => {
	const real = fs.writeFileSync.bind(fs);
	vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
		if (String(file).includes('.tmp-')) {
			throw Object.assign(
				new Error(`EACCES: permission denied, open '${String(file)}'`),
				{
					code: 'EACCES',
				},
			);
		}

		real(file, ...rest);
	});
	expect(() => {
		updateRegistrySync((servers) => [...servers, {id: 'a', port: 1, pid: 1}], {
			registryPath: temporary.registryPath,
		});
	}).toThrow(expect.objectContaining({code: 'EACCES'}));
});
