import {defineConfig} from 'vitest/config';

// The tests mutation testing runs against (`npm run mutate`): the core's own (`npm run mutate` builds
// first, for the few that run the built library in a child process).
export default defineConfig({
	test: {
		include: ['test/core/**/*.test.ts'],
		// Property tests under one seed, so Stryker can tell which of them covers which mutant.
		setupFiles: ['test/setup/fixed-seed.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
