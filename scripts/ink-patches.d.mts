// Types for ink-patches.mjs, for the test that checks the patches still match the installed Ink.
import {type Plugin} from 'esbuild';

export type InkPatch = {
	file: string;
	why: string;
	find: string;
	replace: string;
	append?: string;
};
export const inkPatches: InkPatch[];
export function patchSource(file: string, source: string): string;
export function inkPatchesPlugin(): Plugin;
