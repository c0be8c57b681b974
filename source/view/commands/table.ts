import {keyCommands} from './key-table.js';
import {slashCommands} from './slash-table.js';
import {type Command} from './types.js';

/*
Every key and every slash command the monitor knows, once: the keys in key-table.ts, the commands in
slash-table.ts. The step (step.ts) dispatches keys by these rows and Enter runs the commands; help,
the footer, `--help` and the readme are written from them (docs.ts). A new key or command is one row
there, in the order help shows it.
*/
export const commandTable: readonly Command[] = [
	...keyCommands,
	...slashCommands,
];

export {keyCommands} from './key-table.js';
export {slashCommands} from './slash-table.js';
