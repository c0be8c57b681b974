import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Integration tests start real processes and servers; two cores, so keep the load sane.
		maxWorkers: 2,
	},
});
