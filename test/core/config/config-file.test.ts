import fs from 'node:fs';
import path from 'node:path';
import {fc, test as property} from '@fast-check/vitest';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {configExample} from '../../../source/commands/config-example.js';
import {loadSettings} from '../../../source/commands/settings.js';
import {loadConfig, parseConfigText} from '../../../source/core/config/load.js';
import {locateConfig} from '../../../source/core/config/locate.js';
import {configTimeModes} from '../../../source/core/config/schema.js';
import {timeModes} from '../../../source/view/time-stamps.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeEach(() => {
	temporary = makeTemporaryFolder();
});
afterEach(() => {
	temporary.cleanup();
});

describe('the config file', () => {
	test('is $SHIPYARD_CONFIG, else in $XDG_CONFIG_HOME, else in ~/.config', () => {
		expect(
			locateConfig(
				{SHIPYARD_CONFIG: '/a/b.json', XDG_CONFIG_HOME: '/x'},
				'/home/u',
			),
		).toEqual({file: '/a/b.json', from: 'SHIPYARD_CONFIG'});
		expect(locateConfig({XDG_CONFIG_HOME: '/x'}, '/home/u')).toEqual({
			file: '/x/shipyard/config.json',
			from: 'XDG_CONFIG_HOME',
		});
		// The XDG spec: a relative XDG_CONFIG_HOME is ignored.
		expect(locateConfig({XDG_CONFIG_HOME: 'rel'}, '/home/u')).toEqual({
			file: '/home/u/.config/shipyard/config.json',
			from: 'home',
		});
	});

	test('the example --init writes is valid and its time modes are the view’s', () => {
		expect(parseConfigText(configExample)).toMatchObject({ok: true});
		expect([...configTimeModes]).toEqual([...timeModes]);
	});

	test('the readme’s commented example is a valid config', () => {
		const readme = fs.readFileSync(
			path.join(import.meta.dirname, '../../../readme.md'),
			'utf8',
		);
		const example = /```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
		expect(example).toBeDefined();
		expect(parseConfigText(example!)).toMatchObject({
			ok: true,
			config: {keys: {'ctrl+o': 'ctrl+g'}, time: 'millis'},
		});
	});

	test('a wrong type names the field path; an unknown key is named', () => {
		expect(
			parseConfigText('{"scrollback": true, "snippets": {"hi": 3}}'),
		).toEqual({
			ok: false,
			error:
				'scrollback: expected a number (or text such as "4MiB"); snippets.hi: expected string, received number',
		});
		const unknown = parseConfigText('{"scrolback": 100}');
		expect(unknown.ok).toBe(false);
		expect(!unknown.ok && unknown.error).toMatch(
			/^unknown key "scrolback" \(known: registry, json, .*scrollback/,
		);
		expect(
			parseConfigText('{"onConnect": [{"servers": "a*", "send": [], "x": 1}]}'),
		).toMatchObject({
			ok: false,
			error: expect.stringContaining('onConnect.0.send: '),
		});
	});

	test('a syntax error gives the line and column, after the file name', () => {
		const file = path.join(temporary.folder, 'config.json');
		fs.writeFileSync(file, '{\n\t"notify": true\n\t"color": false\n}');
		expect(loadConfig({file, from: 'SHIPYARD_CONFIG'})).toEqual({
			ok: false,
			error: String.raw`config file ${file}: line 3, column 2: expected "," or "}" after a value, found "\""`,
		});
	});

	test('a missing file in the usual place is no config; one named by $SHIPYARD_CONFIG must exist', () => {
		const file = path.join(temporary.folder, 'nope.json');
		expect(loadConfig({file, from: 'home'})).toEqual({
			ok: true,
			config: {},
			file: undefined,
		});
		expect(loadConfig({file, from: 'SHIPYARD_CONFIG'})).toEqual({
			ok: false,
			error: `config file ${file} (named by $SHIPYARD_CONFIG) does not exist`,
		});
	});

	test('a folder or FIFO in its place is an error, not a hang or a crash', () => {
		expect(
			loadConfig({file: temporary.folder, from: 'SHIPYARD_CONFIG'}),
		).toMatchObject({
			ok: false,
			error: expect.stringContaining('not a regular file'),
		});
	});

	test('a number out of range gets the flag’s own check, named by its key', () => {
		const file = path.join(temporary.folder, 'config.json');
		fs.writeFileSync(file, '{"scrollback": 5}');
		expect(
			loadSettings({argv: [], flags: {}, environment: {SHIPYARD_CONFIG: file}}),
		).toEqual({
			ok: false,
			error: `config file ${file}: scrollback: must be a whole number of messages from 100 to 1000000, got "5"`,
		});
	});

	property.prop(
		[
			fc.oneof(
				fc.string({maxLength: 300}),
				fc.json({maxDepth: 4}),
				fc
					.dictionary(
						fc.constantFrom(
							'scrollback',
							'notify',
							'alert',
							'snippets',
							'keys',
							'time',
							'onConnect',
							'x',
						),
						fc.jsonValue({maxDepth: 3}),
					)
					.map((value) => JSON.stringify(value)),
			),
		],
		{numRuns: 400},
	)(
		'never throws: any text is a config or one clear, control-free error',
		(text) => {
			const result = parseConfigText(text);
			if (!result.ok) {
				expect(result.error.length).toBeGreaterThan(0);
				// eslint-disable-next-line no-control-regex
				expect(result.error).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
			}
		},
	);
});
