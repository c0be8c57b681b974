import {glyphs, screenText} from '../glyphs.js';
import {cliHelpSection} from './docs.js';

/** The keys and commands for `--help`, in the terminal's charset, after a blank line. */
export function cliHelp(): string {
	return `\n${cliHelpSection(glyphs.arrows, screenText)}`;
}
