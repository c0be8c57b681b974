import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import type * as Zod from 'zod';

// The config schema is built when a config file is read, not when the CLI starts: most starts
// have no file, and building it held up the first frame.
const built = vi.hoisted(() => ({strictObjects: 0}));
vi.mock('zod', async (importOriginal) => {
	const zod = await importOriginal<typeof Zod>();
	return {
		...zod,
		strictObject(...arguments_: Parameters<typeof zod.strictObject>) {
			built.strictObjects++;
			return zod.strictObject(...arguments_);
		},
	};
});

let home: string;
beforeEach(() => {
	home = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-schema-'));
	built.strictObjects = 0;
});
afterEach(() => {
	fs.rmSync(home, {recursive: true, force: true});
});

test('settings without a config file never build the config schema', async () => {
	const {loadSettings} = await import('../../../source/commands/settings.js');
	const loaded = loadSettings({argv: [], flags: {}, environment: {}, home});
	expect(loaded.ok).toBe(true);
	expect(built.strictObjects).toBe(0);
});

test('a config file is still checked against the whole schema', async () => {
	const {loadSettings} = await import('../../../source/commands/settings.js');
	const file = path.join(home, 'config.json');
	fs.writeFileSync(file, '{"scrollbak": 10}');
	const loaded = loadSettings({
		argv: [],
		flags: {},
		environment: {SHIPYARD_CONFIG: file},
		home,
	});
	expect(loaded).toMatchObject({ok: false});
	expect(loaded.ok ? '' : loaded.error).toContain('unknown key "scrollbak"');
	expect(built.strictObjects).toBeGreaterThan(0);
});
