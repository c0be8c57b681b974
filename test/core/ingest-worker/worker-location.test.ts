import {describe, expect, test} from 'vitest';
import {ingestWorkerUrl} from '../../../source/core/ingest-worker/worker-location.js';

describe('ingestWorkerUrl', () => {
	test.each([
		['bundled into the CLI', 'file:///pkg/dist/cli.js'],
		['in a shared chunk', 'file:///pkg/dist/chunks/chunk-AB12.js'],
		['compiled by tsc', 'file:///pkg/dist/core/ingest-worker/worker-pool.js'],
		[
			'from source under the tests',
			'file:///pkg/source/core/ingest-worker/worker-pool.ts',
		],
	])('%s: the package’s dist/ingest-worker.js', (_, moduleUrl) => {
		expect(ingestWorkerUrl(moduleUrl).href).toBe(
			'file:///pkg/dist/ingest-worker.js',
		);
	});

	test('this module, as the tests load it, points at the built worker', () => {
		expect(ingestWorkerUrl().pathname).toMatch(/\/dist\/ingest-worker\.js$/);
	});
});
