import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {webSocketUrl} from '../../../source/core/registry/address.js';
import {
	parseDropInText,
	parseRegistryText,
} from '../../../source/core/registry/parse.js';
import {createRegistryReader} from '../../../source/core/registry/read.js';
import {type ServerEntry} from '../../../source/core/registry/schema.js';
import {
	formatWarning,
	type RegistryWarning,
} from '../../../source/core/registry/warnings.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

/*
Issue 9, "Must show", the registry part: arbitrary registry contents through the parser and the file
reader. Nothing throws; every valid entry is kept; every invalid one is named in a warning by its
index; every kept entry can be turned into a URL and a header; warnings are short single lines.
*/

/** Every control and format character a writer could slip in, plus the characters URLs care about. */
const hostileCharacters = [
	...Array.from({length: 0x20}, (_, code) => String.fromCodePoint(code)),
	...Array.from({length: 0x21}, (_, offset) =>
		String.fromCodePoint(0x7f + offset),
	),
	'\u00AD',
	'\u061C',
	'\u200B',
	'\u200C',
	'\u200D',
	'\u200E',
	'\u200F',
	'\u2028',
	'\u2029',
	'\u202A',
	'\u202E',
	'\u2060',
	'\u2066',
	'\u2069',
	'\uFEFF',
	'\u{E0041}',
	'a',
	'Z',
	'0',
	'-',
	'.',
	'/',
	':',
	'[',
	']',
	'#',
	'?',
	'%',
	'@',
	' ',
	'€',
	'=',
];
const hostileString = fc.string({
	unit: fc.constantFrom(...hostileCharacters),
	maxLength: 20,
});

const validHost = fc.constantFrom(
	undefined,
	'localhost',
	'127.0.0.1',
	'::1',
	'[::1]',
	'api.example.com',
	'a-b.c-d.test',
);
const pathCharacter = fc.constantFrom(...'abcXYZ019-._~/?=&%:@!$');
const tokenCharacter = fc.constantFrom(...'ABCxyz0189-._~+/');

type Item =
	| {kind: 'valid'; text: string; id: string; dropsField?: string}
	| {kind: 'invalid'; text: string}
	| {kind: 'either'; text: string};

function validItem(index: number) {
	return fc
		.record({
			port: fc.integer({min: 1, max: 65_535}),
			pid: fc.integer({min: 1, max: 2 ** 31}),
			host: validHost,
			path: fc.option(
				fc.string({unit: pathCharacter, maxLength: 30}).map((p) => `/${p}`),
				{nil: undefined},
			),
			token: fc.option(
				fc
					.tuple(
						fc.string({unit: tokenCharacter, minLength: 1, maxLength: 40}),
						fc.constantFrom('', '=', '=='),
					)
					.map(([body, padding]) => body + padding),
				{nil: undefined},
			),
			name: fc.option(hostileString, {nil: undefined}),
			meta: fc.option(
				fc.dictionary(fc.string({maxLength: 5}), fc.jsonValue({maxDepth: 3})),
				{nil: undefined},
			),
			extra: fc.option(fc.jsonValue({maxDepth: 4}), {nil: undefined}),
		})
		.map((fields): Item => {
			const id = `v${index}`;
			const value = Object.fromEntries(
				Object.entries({id, ...fields}).filter(([, v]) => v !== undefined),
			);
			return {kind: 'valid', id, text: JSON.stringify(value)};
		});
}

/** Valid, with a free-form field too deep or too big: kept, and that field dropped with a warning. */
function oversizedItem(index: number) {
	return fc
		.oneof(
			fc.integer({min: 33, max: 6000}).map((depth) => ({
				field: 'deep',
				value: '['.repeat(depth) + ']'.repeat(depth),
			})),
			fc.integer({min: 65 * 1024, max: 200 * 1024}).map((length) => ({
				field: 'huge',
				value: JSON.stringify('x'.repeat(length)),
			})),
		)
		.map(({field, value}): Item => {
			const id = `v${index}`;
			return {
				kind: 'valid',
				id,
				dropsField: field,
				text: `{"id":"${id}","port":1,"pid":1,"${field}":${value}}`,
			};
		});
}

/** Invalid by construction: each breaks exactly one rule. */
function invalidItem(index: number) {
	const base = {id: `bad${index}`, port: 80, pid: 1};
	return fc
		.oneof(
			fc.constant({...base, port: '80'}),
			fc.constant({...base, port: 0}),
			fc.constant({id: base.id, port: 80}),
			fc.constant({...base, id: ''}),
			fc.constant({...base, host: '127.0.0.1:8080'}),
			fc.constant({...base, host: 'my host'}),
			fc.constant({...base, path: '/#x'}),
			fc.constant({...base, path: 'ws'}),
			fc.constant({...base, token: 'a\nb'}),
			fc.constant({...base, token: 't€ken'}),
			fc.constant({...base, meta: [1, 2]}),
			fc.integer(),
			fc.constant(null),
			fc.array(fc.jsonValue({maxDepth: 2}), {maxLength: 3}),
			hostileString.map((host) => ({...base, host: `${host} `})),
			hostileString.map((token) => ({...base, token: `${token}\u0000`})),
		)
		.map((value): Item => ({kind: 'invalid', text: JSON.stringify(value)}));
}

/** Anything at all: random JSON, or an entry whose strings are made of hostile characters. */
const eitherItem = fc
	.oneof(
		fc.jsonValue({maxDepth: 4}),
		fc.record({
			id: hostileString,
			port: fc.oneof(fc.integer({min: -1, max: 70_000}), fc.double()),
			pid: fc.integer({min: -1, max: 100}),
			host: hostileString,
			path: hostileString,
			token: hostileString,
			name: hostileString,
		}),
		fc.record(
			{
				id: fc.string({maxLength: 8}),
				port: fc.integer({min: 1, max: 9}),
				pid: fc.integer({min: 1, max: 9}),
				host: hostileString,
				path: hostileString.map((p) => `/${p}`),
				token: hostileString,
			},
			{requiredKeys: ['port', 'pid']},
		),
	)
	.map((value): Item => ({kind: 'either', text: JSON.stringify(value)}));

const registryItems = fc
	.array(fc.nat(), {maxLength: 25})
	.chain((seeds) =>
		fc.tuple(
			...seeds.map((seed, index) =>
				seed % 10 === 0
					? oversizedItem(index)
					: seed % 3 === 0
						? invalidItem(index)
						: seed % 3 === 1
							? validItem(index)
							: eitherItem,
			),
		),
	);

/** Kept entries can always be connected to: `new URL` and the header check never throw. */
function expectConnectable(entry: ServerEntry) {
	expect(
		() => new URL(webSocketUrl(entry, entry.host ?? 'localhost')),
	).not.toThrow();
	if (entry.token !== undefined) {
		expect(() => {
			http.validateHeaderValue('authorization', `Bearer ${entry.token}`);
		}).not.toThrow();
	}
}

function expectShowable(warning: RegistryWarning) {
	const text = formatWarning(warning);
	expect(text.length).toBeLessThan(1200);
	expect(text).not.toMatch(/\n\s+at /);
}

function checkResult(
	items: Item[],
	servers: ServerEntry[],
	warnings: RegistryWarning[],
) {
	const keptIds = new Set(servers.map((server) => server.id));
	for (const [index, item] of items.entries()) {
		if (item.kind === 'valid') {
			expect(keptIds).toContain(item.id);
			if (item.dropsField) {
				expect(warnings).toContainEqual(
					expect.objectContaining({entryIndex: index, field: item.dropsField}),
				);
			}
		} else if (item.kind === 'invalid') {
			expect(warnings.some((warning) => warning.entryIndex === index)).toBe(
				true,
			);
		}
	}

	for (const server of servers) {
		expectConnectable(server);
	}

	for (const warning of warnings) {
		expectShowable(warning);
	}

	expect(() => JSON.stringify({servers, warnings})).not.toThrow();
}

const registryFileText = (items: Item[]) =>
	`{"servers": [${items.map((item) => item.text).join(',\n')}]}`;

test('parseRegistryText keeps every valid entry and names every invalid one, whatever else the file holds', () => {
	fc.assert(
		fc.property(registryItems, (items) => {
			const result = parseRegistryText(registryFileText(items), 'servers.json');
			expect(result.ok).toBe(true);
			if (result.ok) {
				checkResult(items, result.servers, result.warnings);
			}
		}),
		{numRuns: 150},
	);
});

test('parseDropInText never throws: a valid entry is kept, anything else is one showable warning', () => {
	fc.assert(
		fc.property(
			fc.oneof(validItem(0), invalidItem(0), eitherItem, oversizedItem(0)),
			(item) => {
				const result = parseDropInText(item.text, 'servers.d/x.json');
				if (result.ok) {
					expectConnectable(result.entry);
					for (const warning of result.warnings) {
						expectShowable(warning);
					}
				} else {
					expectShowable(result.warning);
				}

				expect(result.ok).toBe(item.kind === 'invalid' ? false : result.ok);
				if (item.kind === 'valid') {
					expect(result.ok && result.entry.id).toBe(item.id);
				}
			},
		),
		{numRuns: 300},
	);
});

test('parseRegistryText never throws on arbitrary text', () => {
	fc.assert(
		fc.property(
			fc.oneof(
				fc.string({maxLength: 200}),
				fc.jsonValue().map((value) => JSON.stringify(value)),
				fc
					.jsonValue()
					.map((value) => JSON.stringify({servers: [value, value]})),
			),
			(text) => {
				const result = parseRegistryText(text, 'servers.json');
				const warnings = result.ok ? result.warnings : [result.warning];
				for (const warning of warnings) {
					expectShowable(warning);
				}
			},
		),
		{numRuns: 300},
	);
});

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeAll(() => {
	temporary = makeTemporaryFolder();
});
afterAll(() => {
	temporary.cleanup();
});

test('the file reader gives the same guarantees for real files, main file and servers.d', () => {
	const dropIns = path.join(temporary.folder, 'servers.d');
	fs.mkdirSync(dropIns, {recursive: true});
	const reader = createRegistryReader(temporary.registryPath);
	fc.assert(
		fc.property(registryItems, registryItems, (fileItems, dropInItems) => {
			fs.writeFileSync(temporary.registryPath, registryFileText(fileItems));
			for (const name of fs.readdirSync(dropIns)) {
				fs.rmSync(path.join(dropIns, name));
			}

			// Drop-in ids are made distinct from the file's, so duplicates do not muddy the check.
			for (const [index, item] of dropInItems.entries()) {
				fs.writeFileSync(
					path.join(dropIns, `${String(index).padStart(3, '0')}.json`),
					item.text.replace(/"id":"v(\d+)"/, '"id":"d$1"'),
				);
			}

			const snapshot = reader.read();
			expect(snapshot.file).toBe('ok');
			checkResult(fileItems, snapshot.servers, snapshot.warnings);
			const keptIds = new Set(snapshot.servers.map((server) => server.id));
			for (const [index, item] of dropInItems.entries()) {
				const file = path.join(
					dropIns,
					`${String(index).padStart(3, '0')}.json`,
				);
				if (item.kind === 'valid') {
					expect(keptIds).toContain(item.id.replace(/^v/, 'd'));
				} else if (item.kind === 'invalid') {
					expect(snapshot.warnings.some((w) => w.file === file)).toBe(true);
				}
			}
		}),
		{numRuns: 25},
	);
});
