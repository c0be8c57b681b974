// Bundles the CLI and the library into a few files: `npx shipyard-tui` starts fast (resolving and
// loading hundreds of small modules — Ink, React, yoga — is most of an unbundled start-up), and
// installing the package pulls no dependencies at all (every one of them is in the bundle).
//
// It runs after `tsc -p tsconfig.build.json`, which emits the library's declarations (and its
// unbundled core modules, used only by the benchmark scripts); the bundled entries written here
// replace tsc's `dist/index.js` and `dist/core/registry/index.js`. package.json `files` packs only
// the bundle and the declarations.
import {build} from 'esbuild';
import {bundleOptions} from './bundle-options.mjs';

await build(bundleOptions());
