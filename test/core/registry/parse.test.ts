import {describe, expect, test} from 'vitest';
import {
	parseDropInText,
	parseRegistryText,
} from '../../../source/core/registry/parse.js';
import {formatWarning} from '../../../source/core/registry/warnings.js';

const file = '/tmp/servers.json';

describe('parseRegistryText', () => {
	test('keeps the good entries and names the entry and field of a wrong-typed one', () => {
		const result = parseRegistryText(
			JSON.stringify({
				servers: [
					{id: 'a', port: 1000, pid: 10, startedAt: '2026-01-01T00:00:00Z'},
					{id: 'b', port: '1001', pid: 11},
					{id: 'c', port: 1002, pid: 12},
				],
			}),
			file,
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.servers.map((server) => server.id)).toEqual(['a', 'c']);
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toMatchObject({
			entryIndex: 1,
			entryId: 'b',
			field: 'port',
		});
		expect(formatWarning(result.warnings[0]!)).toMatch(
			/^\/tmp\/servers\.json: entry 1 "b": field "port": .*expected number/,
		);
	});

	test('says a required field is missing', () => {
		const result = parseRegistryText(
			JSON.stringify({servers: [{id: 'x', port: 1}]}),
			file,
		);
		expect(result.ok && result.warnings[0]).toMatchObject({
			field: 'pid',
			message: 'is missing',
		});
	});

	test('keeps unknown fields of an entry', () => {
		const result = parseRegistryText(
			JSON.stringify({
				servers: [
					{id: 'a', port: 1, pid: 2, capabilities: ['x'], meta: {k: 1}},
				],
			}),
			file,
		);
		expect(result.ok && result.servers[0]).toMatchObject({
			capabilities: ['x'],
			meta: {k: 1},
		});
	});

	test('reports half-written JSON with a line and column', () => {
		const result = parseRegistryText(
			'{\n  "servers": [\n    {"id": "a", "po',
			file,
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.warning.message).toMatch(
			/invalid JSON \((at line \d+, column \d+|cut off at the end)\)/,
		);
	});

	test('never quotes the broken text, which may hold a secret or escape sequences', () => {
		const broken =
			'{"servers": [{"id": "a", "token": hunter2, "name": "\u001B]0;x\u0007"}]}';
		const result = parseRegistryText(broken, file);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.warning.message).toMatch(/^invalid JSON \(/);
		expect(result.warning.message).not.toContain('hunter2');
		expect(result.warning.message).not.toContain('\u001B');
	});

	test('reports an empty file and a file of the wrong shape', () => {
		const empty = parseRegistryText('', file);
		const wrongShape = parseRegistryText('{"servers": {}}', file);
		expect(!empty.ok && empty.warning.message).toBe('file is empty');
		expect(!wrongShape.ok && wrongShape.warning.message).toMatch(
			/expected an object/,
		);
	});

	test('rejects a path without a leading slash and a port out of range', () => {
		const result = parseRegistryText(
			JSON.stringify({
				servers: [
					{id: 'p', port: 1, pid: 1, path: 'ws'},
					{id: 'q', port: 70_000, pid: 1},
				],
			}),
			file,
		);
		expect(
			result.ok && result.warnings.map((warning) => warning.field),
		).toEqual(['path', 'port']);
	});
});

describe('parseDropInText', () => {
	test('reads one entry per file', () => {
		const result = parseDropInText(
			JSON.stringify({id: 'd', port: 5, pid: 6}),
			'/tmp/servers.d/d.json',
		);
		expect(result.ok && result.entry.id).toBe('d');
	});
});
