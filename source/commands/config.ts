import fs from 'node:fs';
import path from 'node:path';
import {flagDefinitions} from '../core/config/flag-definitions.js';
import {type SettingValue} from '../core/config/resolve.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {displayPath} from '../core/registry/paths.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {renderTextTable} from '../core/text-table.js';
import {configExample} from './config-example.js';
import {type Settings} from './settings.js';

export type ConfigOptions = {
	settings: Settings;
	/** The registry path as the commands will use it (after ~ and the environment). */
	registryPath: string;
	json: boolean;
	init: boolean;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/** `shipyard-tui config`: the effective settings and where each came from; `--init` writes an example. */
export function runConfig(options: ConfigOptions): number {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	return options.init
		? writeExample(options.settings, stdout, stderr)
		: printSettings(options, stdout);
}

const whyHere = {
	SHIPYARD_CONFIG: 'named by $SHIPYARD_CONFIG',
	XDG_CONFIG_HOME: 'in $XDG_CONFIG_HOME',
	home: 'the default place',
} as const;

function printSettings(options: ConfigOptions, stdout: NodeJS.WritableStream) {
	const {settings} = options;
	const {config} = settings;
	const rows = flagDefinitions
		.filter((flag) => flag.configurable !== false)
		.map((flag) => {
			const value =
				flag.name === 'registry'
					? options.registryPath
					: settings.values[flag.name];
			return {
				name: flag.name,
				value: value ?? flag.shownDefault,
				source:
					flag.name === 'registry' && settings.sources.registry === 'default'
						? 'default'
						: settings.sources[flag.name]!,
			};
		});
	const extras = [
		{name: 'snippets', value: config.snippets},
		{name: 'onConnect', value: config.onConnect},
		{name: 'keys', value: config.keys},
		{name: 'time', value: config.time},
	].map(({name, value}) => ({
		name,
		value,
		source: value === undefined ? 'default' : 'config',
	}));
	if (options.json) {
		stdout.write(
			safeJsonStringify({
				file: settings.file ?? null,
				settings: Object.fromEntries(
					[...rows, ...extras].map(({name, value, source}) => [
						name,
						{value: value ?? null, source},
					]),
				),
			}) + '\n',
		);
		return 0;
	}

	const where = sanitizeLabel(displayPath(settings.location.file), 1000);
	const fileLine = settings.file
		? `config file: ${where} (${whyHere[settings.location.from]})`
		: `config file: none (${where} does not exist; shipyard-tui config --init writes one)`;
	const table = renderTextTable(
		['SETTING', 'VALUE', 'FROM'],
		[
			...rows.map(({name, value, source}) => [name, shown(value), source]),
			[
				'snippets',
				listed(Object.keys(config.snippets ?? {})),
				extras[0]!.source,
			],
			[
				'onConnect',
				listed(
					(config.onConnect ?? []).map(
						(rule) => `${rule.servers} (${rule.send.length})`,
					),
				),
				extras[1]!.source,
			],
			[
				'keys',
				listed(
					Object.entries(config.keys ?? {}).map(
						([from, to]) => `${from} → ${to}`,
					),
				),
				extras[2]!.source,
			],
			['time', config.time ?? 'clock', extras[3]!.source],
		].map((row) => row.map((cell) => sanitizeLabel(cell, 200))),
	);
	stdout.write(`${fileLine}\n\n${table}\n`);
	return 0;
}

function shown(value: SettingValue | undefined): string {
	if (value === undefined) {
		return '—';
	}

	return typeof value === 'string' || typeof value === 'boolean'
		? String(value)
		: listed(value);
}

function listed(values: readonly string[]): string {
	return values.length === 0 ? '—' : values.join(', ');
}

/** Writes the example where the config is looked for; an existing file (or link) is never replaced. */
function writeExample(
	settings: Settings,
	stdout: NodeJS.WritableStream,
	stderr: NodeJS.WritableStream,
): number {
	const {file} = settings.location;
	const shownFile = sanitizeLabel(file, 1000);
	try {
		fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		// `wx`: created here or not at all; an existing file, or a link in its place, is refused.
		fs.writeFileSync(file, configExample, {flag: 'wx', mode: 0o600});
	} catch (error) {
		const code =
			error instanceof Error && 'code' in error ? error.code : undefined;
		stderr.write(
			code === 'EEXIST'
				? `shipyard-tui config --init: ${shownFile} already exists; not replaced (edit it, or remove it first)\n`
				: `shipyard-tui config --init: cannot write ${shownFile}: ${sanitizeLabel(error instanceof Error ? error.message : String(error), 500)}\n`,
		);
		return code === 'EEXIST' ? 1 : 2;
	}

	stdout.write(`wrote an example config to ${shownFile}\n`);
	return 0;
}
