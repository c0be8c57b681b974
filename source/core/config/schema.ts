// A namespace import, not `{z}`: esbuild then bundles only the parts of zod used here (`{z}` is one
// object holding all of zod, its 40 locales too: 450 KB to compile at every start instead of 85 KB).
import * as z from 'zod';
import {type FlagDefinition, flagDefinitions} from './flag-definitions.js';

/*
The config file's shape, written from the flag list (one key per flag, named as meow names it) plus
what only a file can hold: snippets, messages to send on connect, key remaps and the /time default.
Strict: an unknown key is an error that names it, since a typo would otherwise be ignored quietly.
*/

/** The /time modes (view/time-stamps.ts lists the same; a test keeps the two equal). */
export const configTimeModes = ['clock', 'millis', 'delta', 'off'] as const;

const maxText = 4096;
const text = z.string().max(maxText);

function flagSchema(flag: FlagDefinition) {
	if (flag.type === 'boolean') {
		return z.boolean();
	}

	if (flag.multiple) {
		return z.array(text.min(1)).max(100);
	}

	// A number may be written as one (`"scrollback": 10000`); the flag's own check reads it as text.
	return flag.numeric
		? z
				.union([z.number(), text.min(1)], {
					error: 'expected a number (or text such as "4MiB")',
				})
				.transform(String)
		: text.min(1);
}

/** A snippet's name: what follows `/snip`. */
export const snippetName = /^[\w.-]{1,40}$/;

function buildConfigSchema() {
	const flagShape = Object.fromEntries(
		flagDefinitions
			.filter((flag) => flag.configurable !== false)
			.map((flag) => [flag.name, flagSchema(flag).optional()]),
	);
	return z.strictObject({
		...flagShape,
		/** Editors read it to complete and check the file; we ignore it. */
		$schema: text.optional(),
		snippets: z
			.record(
				z
					.string()
					.regex(
						snippetName,
						'a snippet name is 1 to 40 letters, digits, _ . or -',
					),
				z.string().max(64 * 1024),
			)
			.optional(),
		onConnect: z
			.array(
				z.strictObject({
					/** Server ids it applies to: a glob, `*` any run of characters, `?` one. */
					servers: text.min(1),
					send: z
						.array(z.string().max(64 * 1024))
						.min(1)
						.max(50),
				}),
			)
			.max(100)
			.optional(),
		/** Key remaps: a key the command table binds → the key to use instead. */
		keys: z.record(text.min(1), text.min(1)).optional(),
		time: z.enum(configTimeModes).optional(),
	});
}

let built: ReturnType<typeof buildConfigSchema> | undefined;

/**
The config file's schema, built on first use: most starts have no config file, and building it (a
few dozen zod schemas) cost the first frame several milliseconds for nothing.
*/
export function configSchema() {
	built ??= buildConfigSchema();
	return built;
}

export type ConfigFile = z.infer<ReturnType<typeof buildConfigSchema>>;

/** Zod's issues as `path: what is wrong` lines, the field path first so people find it. */
export function describeIssues(error: z.ZodError): string[] {
	return error.issues.slice(0, 10).map((issue) => {
		const where = issue.path.map(String).join('.');
		if (issue.code === 'unrecognized_keys') {
			const names = issue.keys.map((key) => JSON.stringify(key)).join(', ');
			return `${where === '' ? '' : `${where}: `}unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${names}${where === '' ? ` (known: ${knownKeys().join(', ')})` : ''}`;
		}

		return `${where === '' ? '(the whole file)' : where}: ${issue.message.replace(/^Invalid input: /, '')}`;
	});
}

function knownKeys(): string[] {
	return Object.keys(configSchema().shape).filter((key) => key !== '$schema');
}
