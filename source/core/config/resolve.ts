import {sanitizeLabel} from '../messages/sanitize.js';
import {type FlagDefinition, flagDefinitions} from './flag-definitions.js';

/** Where a setting's value came from, as `shipyard-tui config` shows it. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

export type SettingValue = string | boolean | readonly string[];

export type ResolvedSettings = {
	/** Every flag's value, or undefined where nothing set it and the program has no built-in one. */
	values: Record<string, SettingValue | undefined>;
	sources: Record<string, SettingSource>;
};

export type ResolveInput = {
	/** The flags written on the command line (by meow's name). */
	given: ReadonlySet<string>;
	/** What meow parsed. */
	flags: Readonly<Record<string, unknown>>;
	environment: NodeJS.ProcessEnv;
	/** The config file's values (checked by its schema, whose flag keys are these flags). */
	config: Readonly<Record<string, unknown>>;
};

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['0', 'false', 'no', 'off', '']);

/**
Each flag's value by precedence: the command line, then its environment variable, then the config
file, then the built-in default. A whole value wins: `--subscribe a` replaces the file's list.
*/
export function resolveSettings(
	input: ResolveInput,
): {ok: true; settings: ResolvedSettings} | {ok: false; error: string} {
	const values: ResolvedSettings['values'] = {};
	const sources: ResolvedSettings['sources'] = {};
	// The file's keys are the flags' names: its schema is written from the same list.
	const fromConfig = input.config;
	for (const flag of flagDefinitions) {
		if (input.given.has(flag.name)) {
			values[flag.name] = asSetting(input.flags[flag.name]);
			sources[flag.name] = 'flag';
			continue;
		}

		const environmentValue =
			flag.env === undefined ? undefined : input.environment[flag.env];
		if (environmentValue !== undefined && environmentValue.trim() !== '') {
			const read = readEnvironment(flag, environmentValue);
			if (!read.ok) {
				return read;
			}

			values[flag.name] = read.value;
			sources[flag.name] = 'env';
			continue;
		}

		if (flag.configurable !== false && fromConfig[flag.name] !== undefined) {
			values[flag.name] = asSetting(fromConfig[flag.name]);
			sources[flag.name] = 'config';
			continue;
		}

		values[flag.name] = flag.builtIn;
		sources[flag.name] = 'default';
	}

	return {ok: true, settings: {values, sources}};
}

function readEnvironment(
	flag: FlagDefinition,
	raw: string,
): {ok: true; value: SettingValue} | {ok: false; error: string} {
	if (flag.type === 'string') {
		return {ok: true, value: flag.multiple ? [raw] : raw};
	}

	const word = raw.trim().toLowerCase();
	if (truthy.has(word) || falsy.has(word)) {
		return {ok: true, value: truthy.has(word)};
	}

	return {
		ok: false,
		error: `${flag.env ?? flag.name} must be 1 or 0 (true/false, yes/no, on/off), got "${sanitizeLabel(raw, 100)}"`,
	};
}

/** What meow or the schema gave, as a setting: a string, a boolean or a list of strings. */
function asSetting(value: unknown): SettingValue | undefined {
	if (typeof value === 'string' || typeof value === 'boolean') {
		return value;
	}

	return Array.isArray(value)
		? value.filter((item): item is string => typeof item === 'string')
		: undefined;
}
