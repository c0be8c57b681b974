import os from 'node:os';
import {flagDefinitions, kebabCase} from '../core/config/flag-definitions.js';
import {loadConfig} from '../core/config/load.js';
import {type ConfigLocation, locateConfig} from '../core/config/locate.js';
import {
	type ResolvedSettings,
	resolveSettings,
} from '../core/config/resolve.js';
import {type ConfigFile} from '../core/config/schema.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {parseNumbers} from './flag-numbers.js';

/** What the command line, the environment and the config file add up to. */
export type Settings = ResolvedSettings & {
	config: ConfigFile;
	location: ConfigLocation;
	/** The config file read; undefined when there is none. */
	file: string | undefined;
};

/** The flags written in `argv` (meow's names): `--max-payload 4`, `--no-color`, `--show=x`. */
export function givenFlags(argv: readonly string[]): Set<string> {
	const known = new Set(flagDefinitions.map((flag) => flag.name));
	const given = new Set<string>();
	for (const argument of argv) {
		if (argument === '--') {
			break;
		}

		if (!argument.startsWith('--')) {
			continue;
		}

		const written = argument.slice(2).split('=')[0]!;
		const name = camelCase(written);
		const negated = written.startsWith('no-')
			? camelCase(written.slice(3))
			: '';
		if (known.has(name)) {
			given.add(name);
		} else if (known.has(negated)) {
			given.add(negated);
		}
	}

	return given;
}

/**
Reads the config file and folds flag > environment > config > built-in. Errors are whole sentences
for stderr (the caller exits 2): a bad config file never starts a command with half its settings.
*/
export function loadSettings(input: {
	argv: readonly string[];
	flags: Readonly<Record<string, unknown>>;
	environment?: NodeJS.ProcessEnv;
	home?: string;
}): {ok: true; settings: Settings} | {ok: false; error: string} {
	const environment = input.environment ?? process.env;
	const location = locateConfig(environment, input.home ?? os.homedir());
	const loaded = loadConfig(location);
	if (!loaded.ok) {
		return loaded;
	}

	const numbers = checkConfigNumbers(loaded.config);
	if (numbers) {
		return {
			ok: false,
			error: `config file ${sanitizeLabel(location.file, 1000)}: ${numbers}`,
		};
	}

	const resolved = resolveSettings({
		given: givenFlags(input.argv),
		flags: input.flags,
		environment,
		config: loaded.config,
	});
	return resolved.ok
		? {
				ok: true,
				settings: {
					...resolved.settings,
					config: loaded.config,
					location,
					file: loaded.file,
				},
			}
		: resolved;
}

/** The file's numbers get the flags' own checks, worded for the file (`scrollback: must be …`). */
function checkConfigNumbers(config: ConfigFile): string | undefined {
	const values = config as Record<string, unknown>;
	for (const flag of flagDefinitions) {
		if (!flag.numeric || values[flag.name] === undefined) {
			continue;
		}

		const checked = parseNumbers({[flag.name]: values[flag.name]});
		if (!checked.ok) {
			return `${flag.name}: ${checked.error.replace(`--${kebabCase(flag.name)} `, '')}`;
		}
	}

	return undefined;
}

function camelCase(value: string): string {
	return value.replaceAll(/-([a-z])/g, (_match, letter: string) =>
		letter.toUpperCase(),
	);
}
