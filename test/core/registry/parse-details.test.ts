import {describe, expect, test} from 'vitest';
import {z, ZodError} from 'zod';
import {
	describeIssue,
	parseDropInText,
	parseRegistryText,
} from '../../../source/core/registry/parse.js';
import {formatWarning} from '../../../source/core/registry/warnings.js';

const file = '/tmp/servers.json';

function fileWarning(text: string): string | undefined {
	const result = parseRegistryText(text, file);
	return result.ok ? undefined : result.warning.message;
}

describe('where a JSON error is', () => {
	test.each([
		// Position 2, no newline before it: the first line, columns counted from 1.
		['{}x', 'at line 1, column 3'],
		// Position 6: the "1" is the fifth character of the second line.
		['{\n"a" 1}', 'at line 2, column 5'],
		// Position 11: two newlines before it, and a two-digit position.
		['{"a":1}\n\n  }', 'at line 3, column 3'],
		// A carriage return is an ordinary character of its line; only \n starts a new one.
		['{\r\n  "a" 1}', 'at line 2, column 7'],
		// Position 36, the end of the text where the string stops unterminated: just after the 19
		// characters of the third line.
		['{\n  "servers": [\n    {"id": "a", "po', 'at line 3, column 20'],
	])('%j is reported %s', (text, where) => {
		expect(fileWarning(text)).toBe(`invalid JSON (${where})`);
	});

	test('a file cut off before its end says so', () => {
		expect(fileWarning('{"servers": [')).toBe(
			'invalid JSON (cut off at the end)',
		);
	});

	test('an error without a position is reported without quoting the text', () => {
		expect(fileWarning('{"servers": [1,,2]}')).toBe(
			'invalid JSON (not valid JSON)',
		);
	});

	test('a drop-in file gets the same line and column', () => {
		const result = parseDropInText('{\n"id" "x"}', '/tmp/servers.d/x.json');
		expect(result).toEqual({
			ok: false,
			warning: {
				file: '/tmp/servers.d/x.json',
				message: 'invalid JSON (at line 2, column 6)',
			},
		});
	});
});

describe('files that hold nothing usable', () => {
	test.each([' ', '\n', ' \t\r\n  '])(
		'a whitespace-only file %j is empty, not invalid JSON',
		(text) => {
			expect(fileWarning(text)).toBe('file is empty');
		},
	);

	test('an empty drop-in file is empty', () => {
		expect(parseDropInText('\n', '/tmp/servers.d/e.json')).toEqual({
			ok: false,
			warning: {file: '/tmp/servers.d/e.json', message: 'file is empty'},
		});
	});

	test.each(['[]', 'null', '42', '{}', '{"servers": null}'])(
		'%s is not the registry shape',
		(text) => {
			expect(fileWarning(text)).toBe('expected an object {"servers": [...]}');
		},
	);
});

describe('entries that are not objects', () => {
	test.each([
		['42', 42],
		['a string', 'id'],
		['null', null],
		['an array', [{id: 'a'}]],
	])('%s is skipped with a warning, the good entries stay', (_, bad) => {
		const result = parseRegistryText(
			JSON.stringify({
				servers: [bad, {id: 'good', port: 1, pid: 1}],
			}),
			file,
		);
		expect(result).toEqual({
			ok: true,
			servers: [{id: 'good', port: 1, pid: 1}],
			warnings: [
				{
					file,
					entryIndex: 0,
					message: 'expected an object with id, port and pid',
				},
			],
			omitted: 0,
			total: 2,
		});
	});

	test('a drop-in holding a number is refused with the whole-entry message', () => {
		expect(parseDropInText('42', '/tmp/servers.d/n.json')).toEqual({
			ok: false,
			warning: {
				file: '/tmp/servers.d/n.json',
				message: 'expected an object with id, port and pid',
			},
		});
	});
});

describe('how a rejected entry is named', () => {
	test('an empty id is not used as the entry name', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: [{id: '', port: 1, pid: 1}]}),
			file,
		);
		expect(result.ok && result.warnings).toEqual([
			{file, entryIndex: 0, field: 'id', message: 'must not be empty'},
		]);
	});

	test('an id that is not a string is not used as the entry name', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: [{id: 7, port: 1, pid: 1}]}),
			file,
		);
		expect(result.ok && result.warnings[0]).not.toHaveProperty('entryId');
	});

	test('an id over 200 characters is named by its first 200', () => {
		const id = 'a'.repeat(199) + 'bc';
		const result = parseRegistryText(
			JSON.stringify({servers: [{id, port: 1, pid: 1}]}),
			file,
		);
		expect(result.ok && result.warnings).toEqual([
			{
				file,
				entryIndex: 0,
				entryId: id.slice(0, 200),
				field: 'id',
				message: 'is longer than 200 characters',
			},
		]);
	});

	test('an id of exactly 200 characters is accepted', () => {
		const id = 'i'.repeat(200);
		const result = parseRegistryText(
			JSON.stringify({servers: [{id, port: 1, pid: 1}]}),
			file,
		);
		expect(result.ok && result.servers.map((server) => server.id)).toEqual([
			id,
		]);
	});

	test('a drop-in entry is named by its id but has no index', () => {
		const result = parseDropInText(
			JSON.stringify({id: 'd', port: 0, pid: 1}),
			'/tmp/servers.d/d.json',
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.warning).toEqual({
			file: '/tmp/servers.d/d.json',
			entryId: 'd',
			field: 'port',
			message: expect.stringMatching(/\S/) as string,
		});
	});
});

describe('dropped free-form fields', () => {
	test('a dropped field with a long name is named by its first 100 characters and an ellipsis', () => {
		const name = 'f'.repeat(101);
		const result = parseRegistryText(
			JSON.stringify({
				servers: [{id: 'x', port: 1, pid: 1, [name]: 'y'.repeat(70_000)}],
			}),
			file,
		);
		expect(result.ok && result.warnings[0]?.field).toBe(`${'f'.repeat(100)}…`);
	});

	test('a dropped field with a name of 100 characters is named whole', () => {
		const name = 'f'.repeat(100);
		const result = parseRegistryText(
			JSON.stringify({
				servers: [{id: 'x', port: 1, pid: 1, [name]: 'y'.repeat(70_000)}],
			}),
			file,
		);
		expect(result.ok && result.warnings[0]?.field).toBe(name);
	});

	test('a field dropped from an entry that is then rejected comes before the rejection', () => {
		const result = parseRegistryText(
			JSON.stringify({
				servers: [{id: 'x', port: 1, extra: 'y'.repeat(70_000)}],
			}),
			file,
		);
		expect(
			result.ok && result.warnings.map((warning) => formatWarning(warning)),
		).toEqual([
			`${file}: entry 0 "x": field "extra": makes the entry larger than 64 KiB; field dropped`,
			`${file}: entry 0 "x": field "pid": is missing`,
		]);
	});

	test('a rejected drop-in reports the rejection, not the dropped field', () => {
		const result = parseDropInText(
			JSON.stringify({id: 'x', port: 1, extra: 'y'.repeat(70_000)}),
			'/tmp/servers.d/x.json',
		);
		expect(!result.ok && result.warning).toMatchObject({
			field: 'pid',
			message: 'is missing',
		});
	});

	test('a drop-in keeps its dropped-field warnings when the entry is accepted', () => {
		const result = parseDropInText(
			JSON.stringify({id: 'x', port: 1, pid: 1, extra: 'y'.repeat(70_000)}),
			'/tmp/servers.d/x.json',
		);
		expect(result.ok && result.warnings).toEqual([
			{
				file: '/tmp/servers.d/x.json',
				entryId: 'x',
				field: 'extra',
				message: 'makes the entry larger than 64 KiB; field dropped',
			},
		]);
	});
});

describe('counting entries', () => {
	const entries = (count: number) =>
		Array.from({length: count}, (_, index) => ({
			id: `s${index}`,
			port: 1,
			pid: 1,
		}));

	test('stops after maxServers good entries and counts the rest as omitted', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: entries(5)}),
			file,
			{maxServers: 2},
		);
		expect(result).toMatchObject({ok: true, omitted: 3, total: 5});
		expect(result.ok && result.servers.map((server) => server.id)).toEqual([
			's0',
			's1',
		]);
	});

	test('bad entries do not count towards maxServers', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: [42, ...entries(3)]}),
			file,
			{maxServers: 2},
		);
		expect(result).toMatchObject({ok: true, omitted: 1, total: 4});
		expect(result.ok && result.servers.map((server) => server.id)).toEqual([
			's0',
			's1',
		]);
	});

	test('exactly maxServers entries leave nothing omitted', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: entries(2)}),
			file,
			{maxServers: 2},
		);
		expect(result).toMatchObject({ok: true, omitted: 0, total: 2});
	});

	test('the default limit is 256', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: entries(257)}),
			file,
		);
		expect(result).toMatchObject({ok: true, omitted: 1, total: 257});
	});
});

describe('many bad entries', () => {
	const bad = (count: number) =>
		JSON.stringify({
			servers: Array.from({length: count}, (_, index) => ({
				id: `b${index}`,
				port: 0,
				pid: 1,
			})),
		});

	test('50 warnings are listed whole', () => {
		const result = parseRegistryText(bad(50), file);
		expect(result.ok && result.warnings).toHaveLength(50);
		expect(result.ok && result.warnings.at(-1)).toMatchObject({
			entryId: 'b49',
		});
	});

	test('past 50, the first 50 are listed and one line counts the rest', () => {
		const result = parseRegistryText(bad(53), file);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings).toHaveLength(51);
		expect(result.warnings[49]).toMatchObject({entryId: 'b49'});
		expect(result.warnings[50]).toEqual({
			file,
			message: '3 more problems not listed',
		});
	});
});

describe('describeIssue, the wording shared by the parser, register() and serve', () => {
	test('a nested field is named by its path joined with dots, each part cut to 100 characters', () => {
		const long = 'k'.repeat(150);
		const schema = z.object({outer: z.object({[long]: z.number()})});
		const result = schema.safeParse({outer: {[long]: 'x'}});
		expect(result.success).toBe(false);
		if (result.success) return;
		expect(describeIssue(result.error)).toEqual({
			field: `outer.${'k'.repeat(100)}`,
			message: expect.stringContaining('expected number') as string,
		});
	});

	test('a missing field is worded "is missing"', () => {
		const result = z.object({port: z.number()}).safeParse({});
		expect(!result.success && describeIssue(result.error)).toEqual({
			field: 'port',
			message: 'is missing',
		});
	});

	test("a wrong type that is not a missing field keeps zod's wording", () => {
		const result = z.object({port: z.number()}).safeParse({port: null});
		expect(!result.success && describeIssue(result.error)).toEqual({
			field: 'port',
			message: expect.not.stringContaining('missing') as string,
		});
	});

	test('a problem that is not a wrong type keeps its own message even for an absent value', () => {
		const schema = z.object({
			id: z.unknown().refine(() => false, 'received undefined, refused'),
		});
		const result = schema.safeParse({});
		expect(!result.success && describeIssue(result.error)).toEqual({
			field: 'id',
			message: 'received undefined, refused',
		});
	});

	test('an error without issues still gives a message', () => {
		expect(describeIssue(new ZodError([]))).toEqual({message: 'invalid entry'});
	});
});
