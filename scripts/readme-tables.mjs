// Rewrites the readme's tables of keys and slash commands from the command table
// (source/view/commands/table.ts), between <!-- commands:start --> and <!-- commands:end -->.
// test/view/readme-tables.test.ts fails when they differ and names this script.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = path.join(import.meta.dirname, '..');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipyard-readme-'));
try {
	// The table is TypeScript: bundled on the fly, so this needs no build of the app first.
	const outfile = path.join(folder, 'docs.mjs');
	await build({
		entryPoints: [path.join(root, 'source/view/commands/docs.ts')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		logLevel: 'warning',
		// With verbatimModuleSyntax an `import {type X}` keeps its module (and all the core behind it).
		tsconfigRaw: {compilerOptions: {verbatimModuleSyntax: false}},
	});
	const {withReadmeTables} = await import(pathToFileURL(outfile).href);
	const file = path.join(root, 'readme.md');
	const before = fs.readFileSync(file, 'utf8');
	const after = withReadmeTables(before);
	if (after === before) {
		console.log('readme.md: the command tables are up to date');
	} else {
		fs.writeFileSync(file, after);
		console.log('readme.md: rewrote the command tables');
	}
} finally {
	fs.rmSync(folder, {recursive: true, force: true});
}
