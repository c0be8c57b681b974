// Types for bundle-options.mjs, for the tests that build exactly what ships.
import {type BuildOptions} from 'esbuild';

export const entryPoints: string[];
export function bundleOptions(options?: {patchInk?: boolean}): BuildOptions;
