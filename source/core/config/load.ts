import fs from 'node:fs';
import {readRegularFile} from '../registry/regular-file.js';
import {sanitizeLabel} from '../messages/sanitize.js';
import {type ConfigLocation} from './locate.js';
import {parseJsonc} from './parse-jsonc.js';
import {type ConfigFile, configSchema, describeIssues} from './schema.js';

/** A config file is a few kilobytes; anything past this is refused whole. */
export const maxConfigBytes = 1024 * 1024;

export type ConfigResult =
	{ok: true; config: ConfigFile} | {ok: false; error: string};

/**
The text of a config file checked: JSON with comments, then the schema. Never throws: every text
gives a config or one message naming the place (line and column, or the field path).
*/
export function parseConfigText(text: string): ConfigResult {
	const parsed = parseJsonc(text);
	if (!parsed.ok) {
		return {ok: false, error: sanitizeLabel(parsed.error, 1000)};
	}

	const checked = configSchema().safeParse(parsed.value);
	if (!checked.success) {
		return {
			ok: false,
			error: sanitizeLabel(describeIssues(checked.error).join('; '), 2000),
		};
	}

	return {ok: true, config: checked.data};
}

export type LoadedConfig =
	| {ok: true; config: ConfigFile; file: string | undefined}
	| {ok: false; error: string};

/**
Reads the config file where `location` says. A missing file in the usual place is no config; one
named by $SHIPYARD_CONFIG must exist. Errors start with the file's path.
*/
export function loadConfig(location: ConfigLocation): LoadedConfig {
	const shown = sanitizeLabel(location.file, 1000);
	const read = readRegularFile(location.file, {maxBytes: maxConfigBytes});
	if (!read.ok) {
		if (
			location.from !== 'SHIPYARD_CONFIG' &&
			(read.missing || !exists(location.file))
		) {
			return {ok: true, config: {}, file: undefined};
		}

		return {
			ok: false,
			error: read.missing
				? `config file ${shown} (named by $SHIPYARD_CONFIG) does not exist`
				: `config file ${shown}: ${sanitizeLabel(read.problem, 1000)}`,
		};
	}

	const result = parseConfigText(read.text);
	return result.ok
		? {ok: true, config: result.config, file: location.file}
		: {ok: false, error: `config file ${shown}: ${result.error}`};
}

/**
Whether something is there at all. A usual place we may not even look into (another user's home, as
under sudo -u) holds no config for us; a file that is there but unreadable is an error.
*/
function exists(file: string): boolean {
	try {
		fs.lstatSync(file);
		return true;
	} catch {
		return false;
	}
}
