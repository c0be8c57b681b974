// Bundles the CLI into a few files so `npx shipyard-tui` starts fast: resolving and loading
// hundreds of small modules (Ink, React, yoga) is most of an unbundled start-up. Headless commands
// stay in their own chunks, so they never load React or Ink.
import {build} from 'esbuild';
import {inkPatchesPlugin} from './ink-patches.mjs';

await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	entryNames: '[name]',
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
	plugins: [inkPatchesPlugin()],
	logLevel: 'warning',
});
