// Types for start-patches.mjs, for the test that checks the patches still match the installed packages.
import {type Plugin} from 'esbuild';

export type StartPatch = {
	file: string;
	why: string;
	find: string;
	replace: string;
	append?: string;
};
export const startPatches: StartPatch[];
export function patchStartSource(file: string, source: string): string;
export function startPatchesPlugin(): Plugin;
