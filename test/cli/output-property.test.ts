import fs from 'node:fs';
import path from 'node:path';
import {Writable} from 'node:stream';
import {fc, test} from '@fast-check/vitest';
import {afterAll, beforeAll, describe, expect} from 'vitest';
import {runJsonStream} from '../../source/commands/json-stream.js';
import {runList} from '../../source/commands/list.js';
import {
	assertTerminalSafe,
	hostileJson,
	hostileString,
	rawControl,
} from '../helpers/hostile-text.js';
import {runCli} from '../helpers/processes.js';
import {makeTemporaryFolder} from '../helpers/temporary-registry.js';
import {waitFor} from '../helpers/wait-for.js';

/*
Issue 9, "must show" (output part): arbitrary registry contents (valid entries with hostile text,
secrets in meta and unknown fields, random JSON, broken files) through `list --json` and the
`--json` stream: nothing throws, every line parses, no line holds a raw control, C1, bidi or
separator character, and no secret comes out.
*/

const secret = 'SECRET-7f1d';
const secretKey = fc.constantFrom(
	'token',
	'password',
	'apiKey',
	'client_secret',
	'Authorization',
	'session_cookie',
);

/** Nesting up to 60 levels, with a secret at the bottom now and then. */
const deep = fc
	.tuple(fc.integer({min: 0, max: 60}), fc.boolean(), hostileString(10))
	.map(([levels, withSecret, leaf]) => {
		let value: unknown = withSecret ? {password: secret} : leaf;
		for (let level = 0; level < levels; level++) {
			value = level % 2 === 0 ? [value] : {[`k${level}`]: value};
		}

		return value;
	});

const validEntry = fc
	.record(
		{
			extra: fc.dictionary(hostileString(10), hostileJson(3), {maxKeys: 3}),
			id: hostileString(30).filter((id) => id.length > 0),
			port: fc.integer({min: 1, max: 65_535}),
			// No such process: the entries are shown as stale and nothing connects.
			pid: fc.integer({min: 2_000_000_000, max: 2_147_483_000}),
			name: hostileString(30),
			meta: fc.dictionary(hostileString(10), fc.oneof(hostileJson(3), deep), {
				maxKeys: 4,
			}),
			secrets: fc.dictionary(secretKey, fc.constant(secret), {maxKeys: 2}),
			metaSecrets: fc.dictionary(secretKey, fc.constant(secret), {maxKeys: 2}),
		},
		{requiredKeys: ['extra', 'id', 'port', 'pid', 'secrets', 'metaSecrets']},
	)
	.map(({extra, secrets, metaSecrets, meta, ...fields}) => ({
		...extra,
		...secrets,
		...fields,
		...(meta === undefined ? {} : {meta: {...meta, ...metaSecrets}}),
	}));

const registryContent = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.array(fc.oneof(validEntry, hostileJson(3)), {maxLength: 6})
			.map((servers) => JSON.stringify({servers})),
	},
	{weight: 1, arbitrary: hostileJson(3).map((value) => JSON.stringify(value))},
	{weight: 1, arbitrary: hostileString(80)},
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.array(validEntry, {minLength: 1, maxLength: 3}), fc.nat())
			.map(([servers, cut]) => {
				const text = JSON.stringify({servers});
				return text.slice(0, cut % text.length);
			}),
	},
);

const dropIn = fc.option(
	fc.oneof(
		validEntry.map((entry) => JSON.stringify(entry)),
		hostileString(40),
	),
	{nil: undefined},
);

let temporary: ReturnType<typeof makeTemporaryFolder>;
beforeAll(() => {
	temporary = makeTemporaryFolder();
});
afterAll(() => {
	temporary.cleanup();
});

function writeRegistry(content: string, dropInText: string | undefined): void {
	fs.writeFileSync(temporary.registryPath, content);
	const folder = path.join(temporary.folder, 'servers.d');
	fs.rmSync(folder, {recursive: true, force: true});
	if (dropInText !== undefined) {
		fs.mkdirSync(folder);
		fs.writeFileSync(path.join(folder, 'extra.json'), dropInText);
	}
}

/** A stdout that keeps the bytes as a terminal would get them (strings encoded as UTF-8). */
function capture() {
	const chunks: Buffer[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			chunks.push(chunk);
			callback();
		},
	});
	return {stream, text: () => Buffer.concat(chunks).toString('utf8')};
}

function checkJsonLines(text: string): Array<Record<string, unknown>> {
	expect(text.endsWith('\n')).toBe(true);
	expect(text).not.toContain(secret);
	return text
		.slice(0, -1)
		.split('\n')
		.map((line) => {
			assertTerminalSafe(line);
			return JSON.parse(line) as Record<string, unknown>;
		});
}

describe('JSON output for arbitrary registry contents', () => {
	test.prop([registryContent, dropIn], {numRuns: 120})(
		'list --json (in process): one safe JSON line, warnings safe too',
		(content, dropInText) => {
			writeRegistry(content, dropInText);
			const stdout = capture();
			const stderr = capture();
			expect(
				runList({
					registryPath: temporary.registryPath,
					json: true,
					stdout: stdout.stream,
					stderr: stderr.stream,
				}),
			).toBe(0);
			expect(checkJsonLines(stdout.text())).toHaveLength(1);
			for (const line of stderr.text().split('\n')) {
				expect(rawControl.test(line), line).toBe(false);
			}
		},
	);

	test.prop([registryContent, dropIn], {numRuns: 25})(
		'the --json stream (in process): safe lines, a state line for every server shown',
		async (content, dropInText) => {
			writeRegistry(content, dropInText);
			const stdout = capture();
			let stop!: () => void;
			const until = new Promise<void>((resolve) => {
				stop = resolve;
			});
			const stream = runJsonStream({
				registryPath: temporary.registryPath,
				stdout: stdout.stream,
				until,
				flushIntervalMs: 5,
			});
			try {
				// Waiting only counts lines; what they hold is checked once, below, so a bad line fails at once.
				await waitFor(() => stdout.text().includes('\n'), {
					what: 'the registry event',
				});
				const registry = JSON.parse(stdout.text().split('\n')[0]!) as {
					type: string;
					servers?: unknown[];
				};
				expect(registry.type).toBe('registry');
				const shown = registry.servers?.length ?? 0;
				await waitFor(
					() => stdout.text().split('\n{"type":"state"').length - 1 >= shown,
					{what: `a state line for each of ${shown} servers`},
				);
			} finally {
				stop();
				expect(await stream).toBe(0);
			}

			checkJsonLines(stdout.text());
		},
	);

	test.prop([registryContent, dropIn], {numRuns: 12})(
		'list --json (the built CLI, a real child process)',
		async (content, dropInText) => {
			writeRegistry(content, dropInText);
			const result = await runCli([
				'list',
				'--json',
				'--registry',
				temporary.registryPath,
			]);
			expect(result.code).toBe(0);
			expect(checkJsonLines(result.stdout)).toHaveLength(1);
			// Warnings go to stderr as text: escaped for a terminal, line breaks only between them.
			for (const line of result.stderr.split('\n')) {
				expect(rawControl.test(line), line).toBe(false);
			}
		},
	);
});
