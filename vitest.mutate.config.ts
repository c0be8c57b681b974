import {defineConfig} from 'vitest/config';

// The tests mutation testing runs against (`npm run mutate`): the core's own, which need no build.
export default defineConfig({
	test: {
		include: ['test/core/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
