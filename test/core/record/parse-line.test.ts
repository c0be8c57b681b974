import fs from 'node:fs';
import path from 'node:path';
import {fc, test} from '@fast-check/vitest';
import {afterAll, describe, expect, it} from 'vitest';
import {parseRecordLine} from '../../../source/core/record/parse-line.js';
import {
	type FileLine,
	readLines,
} from '../../../source/core/record/read-lines.js';
import {safeJsonStringify} from '../../../source/core/safe-json.js';
import {makeTemporaryFolder} from '../../helpers/temporary-registry.js';

const temporary = makeTemporaryFolder();
afterAll(() => {
	temporary.cleanup();
});

const frameLine = fc.record({
	type: fc.constant('message'),
	time: fc
		.integer({min: 0, max: 4_102_444_800_000})
		.map((ms) => new Date(ms).toISOString()),
	server: fc.string({minLength: 1, maxLength: 200}),
	direction: fc.constantFrom('in', 'out'),
	kind: fc.constantFrom('text', 'json', 'channel', 'typed', 'binary'),
	bytes: fc.nat(),
	text: fc.string({maxLength: 100}),
	data: fc.uint8Array({maxLength: 300}),
});

describe('the replay line parser', () => {
	test.prop([fc.string({maxLength: 2000})], {numRuns: 300})(
		'never throws on any text, and says why it refuses',
		(text) => {
			const parsed = parseRecordLine(text);
			expect(parsed.ok || parsed.error.length > 0).toBe(true);
		},
	);

	test.prop([fc.jsonValue({maxDepth: 4})], {numRuns: 300})(
		'never throws on any JSON value',
		(value) => {
			const parsed = parseRecordLine(JSON.stringify(value));
			expect(typeof parsed.ok).toBe('boolean');
		},
	);

	test.prop(
		[
			fc.record(
				{
					type: fc.constantFrom(
						'message',
						'registry',
						'system',
						'state',
						'record',
					),
					time: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
					server: fc.oneof(fc.string(), fc.integer()),
					direction: fc.oneof(
						fc.constantFrom('in', 'out', 'system'),
						fc.string(),
					),
					kind: fc.string(),
					data: fc.oneof(fc.string(), fc.base64String()),
					servers: fc.anything({maxDepth: 2}),
				},
				{requiredKeys: ['type']},
			),
		],
		{numRuns: 300},
	)('never throws on lines shaped almost like a recording', (value) => {
		const parsed = parseRecordLine(JSON.stringify(value));
		expect(typeof parsed.ok).toBe('boolean');
	});

	test.prop([frameLine], {numRuns: 300})(
		'reads back the bytes, server, direction and time a recording wrote',
		(line) => {
			const written = safeJsonStringify({
				...line,
				data: Buffer.from(line.data).toString('base64'),
			});
			const parsed = parseRecordLine(written);
			expect(parsed).toEqual({
				ok: true,
				line: {
					kind: 'frame',
					time: Date.parse(line.time),
					server: line.server,
					direction: line.direction,
					binary: line.kind === 'binary',
					data: Buffer.from(line.data),
					approximate: false,
				},
			});
		},
	);

	it('names the field that is wrong', () => {
		expect(
			parseRecordLine(
				'{"type":"message","time":"yesterday","server":"a","direction":"in","kind":"text","data":""}',
			),
		).toEqual({ok: false, error: 'time: is not a time'});
		expect(parseRecordLine('{"type":"message"')).toEqual({
			ok: false,
			error: 'not JSON',
		});
		expect(parseRecordLine('[1]')).toEqual({
			ok: false,
			error: 'not a JSON object',
		});
		expect(
			parseRecordLine(
				'{"type":"message","time":"2026-01-01T00:00:00Z","server":"a","direction":"in","kind":"binary","text":"binary 3 B"}',
			),
		).toMatchObject({
			ok: false,
			error: expect.stringMatching(/binary frame without data/) as unknown,
		});
	});

	it("replays a --json stream's text frame from its text when it has no data (approximate)", () => {
		expect(
			parseRecordLine(
				'{"type":"message","time":"2026-01-01T00:00:00Z","server":"a","direction":"in","kind":"text","text":"hi"}',
			),
		).toMatchObject({
			ok: true,
			line: {data: Buffer.from('hi'), approximate: true},
		});
	});
});

describe('the bounded line reader', () => {
	test.prop(
		[
			fc.array(
				fc.string({maxLength: 40}).map((text) => text.replaceAll('\n', ' ')),
				{
					maxLength: 30,
				},
			),
			fc.integer({min: 1, max: 50}),
			fc.integer({min: 1, max: 64}),
		],
		{numRuns: 60},
	)(
		'yields every non-blank line with its number, and skips (by number) those past the bound',
		async (lines, maxLength, chunkBytes) => {
			const file = path.join(temporary.folder, 'lines.ndjson');
			fs.writeFileSync(file, lines.join('\n'));
			const read = [];
			for await (const line of readLines(file, maxLength, chunkBytes)) {
				read.push(line);
			}

			const expected: FileLine[] = lines.flatMap((text, index): FileLine[] =>
				text.length > maxLength
					? [{number: index + 1, tooLong: true as const}]
					: text.trim() === ''
						? []
						: [{number: index + 1, text}],
			);
			expect(read).toEqual(expected);
		},
	);
});
