import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	readmeEnd,
	readmeStart,
	readmeTables,
	withReadmeTables,
} from '../../source/view/commands/docs.js';

const readmePath = path.join(import.meta.dirname, '../../readme.md');

describe("the readme's tables of keys and commands", () => {
	test('are the command table as it is now', () => {
		const readme = fs.readFileSync(readmePath, 'utf8');
		const start = readme.indexOf(readmeStart);
		const end = readme.indexOf(readmeEnd);
		expect(start, `readme.md has no ${readmeStart} block`).toBeGreaterThan(-1);
		const block = readme.slice(start, end + readmeEnd.length);
		expect(
			block,
			'readme.md differs from source/view/commands/table.ts: run `npm run readme:tables`',
		).toBe(readmeTables());
	});

	test('list every key and command with its aliases', () => {
		const tables = readmeTables();
		for (const name of [
			'Ctrl+O',
			'Shift+Tab',
			'Backspace',
			'Esc, Enter, q, ?',
			'`/quit`, `/q`, `/exit`',
			'`/help`, `/?`',
			String.raw`\|*>`,
			'`//text`',
		]) {
			expect(tables).toContain(name);
		}
	});

	test('rewriting keeps the rest of the readme and refuses a readme without the markers', () => {
		const readme = `# title\n\n${readmeStart}\nold\n${readmeEnd}\n\nafter\n`;
		expect(withReadmeTables(readme)).toBe(
			`# title\n\n${readmeTables()}\n\nafter\n`,
		);
		expect(() => withReadmeTables('# no markers\n')).toThrow(/commands:start/);
	});
});
