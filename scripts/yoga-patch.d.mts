// Types for yoga-patch.mjs, for the test that checks the patch still matches the installed yoga.
import {type Plugin} from 'esbuild';

export const yogaPatch: {
	file: string;
	why: string;
	find: string;
	replace: string;
};
export function patchYoga(source: string): string;
export function yogaPatchPlugin(): Plugin;
