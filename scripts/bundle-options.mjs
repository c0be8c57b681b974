// The esbuild options of the shipped bundle, shared by scripts/bundle.mjs and the tests that must
// judge exactly what ships (test/install/library-entry.test.ts, test/install/ink-differential.test.ts).
import {inkPatchesPlugin} from './ink-patches.mjs';
import {startPatchesPlugin} from './start-patches.mjs';

/**
Everything the package runs: the CLI and the two library entries that package.json `exports` names.
Bundled, so installing the package installs nothing else. One build with shared chunks, so the
library and the CLI share one copy of the registry code, and headless commands never load React
or Ink. Paths keep source/'s layout: `source/core/registry/index.ts` → `dist/core/registry/index.js`.
*/
export const entryPoints = [
	'source/cli.tsx',
	'source/index.ts',
	'source/core/registry/index.ts',
	// The monitor's ingest worker, started as a file of its own (new Worker(url)).
	'source/ingest-worker.ts',
];

/**
The esbuild options for `entryPoints`; `patchInk: false` builds the same over unpatched Ink and
unpatched dependencies (scripts/ink-patches.mjs, scripts/start-patches.mjs).
*/
export function bundleOptions({patchInk = true} = {}) {
	return {
		entryPoints,
		outdir: 'dist',
		outbase: 'source',
		entryNames: '[dir]/[name]',
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		splitting: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		minify: true,
		legalComments: 'linked',
		sourcemap: 'linked',
		define: {'process.env.NODE_ENV': '"production"'},
		// Optional native speed-ups that ws tries to load; absent is fine.
		external: ['bufferutil', 'utf-8-validate'],
		// Ink imports the React devtools only when DEV is set; never in a bundle.
		alias: {'react-devtools-core': './scripts/empty-module.mjs'},
		banner: {
			// CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
			js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
		},
		// Unpatched means none of them: test/install/ink-differential.test.ts then holds the start-up
		// patches (string-width, ansi-tokenize) to the same bytes on screen as Ink's own patches.
		plugins: patchInk ? [inkPatchesPlugin(), startPatchesPlugin()] : [],
		logLevel: 'warning',
	};
}
