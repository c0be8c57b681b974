import {describe, expect, test} from 'vitest';
import {cliHelpSection} from '../../source/view/commands/docs.js';
import {unicodeGlyphs} from '../../source/view/glyphs.js';
import {runCli} from '../helpers/processes.js';

describe('--help', () => {
	test("lists the monitor's keys and slash commands from the command table, in the terminal's charset", async () => {
		const help = await runCli(['--help'], {env: {LC_ALL: 'en_US.UTF-8'}});
		expect(help.code).toBe(0);
		// Meow takes off the tab the help text is indented with and indents by two spaces.
		const expected = cliHelpSection(unicodeGlyphs.arrows).replaceAll(
			/^\t/gm,
			'  ',
		);
		expect(help.stdout).toContain(expected);
		expect(help.stdout).toContain('/quit, /q, /exit');

		const ascii = await runCli(['--help'], {env: {LC_ALL: 'C'}});
		expect(ascii.stdout).toContain('Up / Down');
		expect(ascii.stdout).toMatch(/^[\u0020-\u007E\n]*$/u);
	});
});
