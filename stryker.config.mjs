// Mutation testing of the core: `npm run mutate` (not part of `npm test`: a full run takes minutes).
// Some core tests run the built library in child processes, so it builds first.
// Run it after changing a file listed in `mutate`, or the tests of `test/core/`; incremental mode
// retests only the mutants whose code or tests changed since the last run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
	packageManager: 'npm',
	testRunner: 'vitest',
	vitest: {configFile: 'vitest.mutate.config.ts'},
	checkers: ['typescript'],
	tsconfigFile: 'tsconfig.json',
	typescriptChecker: {prioritizePerformanceOverAccuracy: true},
	// The core modules that take outside input or decide correctness.
	mutate: [
		'source/core/messages/sanitize.ts',
		'source/core/messages/decode.ts',
		'source/core/messages/decoded-frame.ts',
		'source/core/messages/json-format.ts',
		'source/core/messages/json-shapes.ts',
		'source/core/messages/hex.ts',
		'source/core/messages/utf8-prefix.ts',
		'source/core/messages/ring-buffer.ts',
		'source/core/registry/parse.ts',
		'source/core/registry/read.ts',
		'source/core/registry/lock.ts',
		'source/core/registry/write.ts',
		'source/core/registry/bounds.ts',
		'source/core/registry/entry-fields.ts',
		'source/core/connections/backoff.ts',
		'source/core/connections/lifecycle.ts',
		'source/core/connections/failure.ts',
		'source/core/connections/handshake-gate.ts',
		'source/core/safe-json.ts',
		'source/core/redact.ts',
	],
	incremental: true,
	incrementalFile: 'reports/stryker-incremental.json',
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: {fileName: 'reports/mutation/index.html'},
	jsonReporter: {fileName: 'reports/mutation/mutation.json'},
	tempDirName: 'reports/.stryker-tmp',
	concurrency: 2,
	timeoutMS: 10_000,
	thresholds: {high: 90, low: 80, break: 80},
};

export default config;
