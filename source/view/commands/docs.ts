import {type Glyphs, unicodeGlyphs} from '../glyphs.js';
import {compactKeys, keyLabel, type KeyStyle} from './keys.js';
import {keyCommands, slashCommands} from './table.js';
import {type Command, type KeyCommand} from './types.js';

/*
Help, the footer, `--help` and the readme, all written from the command table: none of them names a
key or a command itself.
*/

const inOverlay = (row: KeyCommand) =>
	row.where === 'overlay' || row.where === 'detail';

/** The table's rows in the order help lists them: the main screen's keys, commands, overlay keys. */
export function commandSections(): Array<{
	title: string;
	rows: readonly Command[];
}> {
	return [
		{title: 'Keys', rows: keyCommands.filter((row) => !inOverlay(row))},
		{title: 'Slash commands', rows: slashCommands},
		{
			title: 'In help and the detail view',
			rows: keyCommands.filter((row) => inOverlay(row)),
		},
	];
}

/**
A row's keys or command as one label: pairs of keys that do opposite things (`← / →`), then the
rest after commas; a command with what follows it and its other names (`/quit, /q, /exit`).
*/
export function commandLabel(
	row: Command,
	style: KeyStyle,
	arrows: Glyphs['arrows'],
): string {
	if ('slash' in row) {
		// `//text`: the name is the slash itself, and the text follows it without a space.
		const gap = row.slash === '/' ? '' : ' ';
		const usage = row.usage === undefined ? '' : `${gap}${row.usage}`;
		return [
			`/${row.slash}${usage}`,
			...(row.aliases ?? []).map((alias) => `/${alias}`),
		].join(', ');
	}

	const label = (key: (typeof row.keys)[number]) =>
		keyLabel(key, style, arrows);
	const groups: string[] = [];
	for (let index = 0; index < row.keys.length; index += 2) {
		groups.push(
			row.keys
				.slice(index, index + 2)
				.map((key) => label(key))
				.join(' / '),
		);
	}

	return [...groups, ...(row.aliases ?? []).map((key) => label(key))].join(
		', ',
	);
}

export type HelpRow = {label: string; text: string; command: boolean};

/** Every row of the help view: each section's rows, a blank row between sections. */
export function helpRows(arrows: Glyphs['arrows']): HelpRow[] {
	return commandSections().flatMap(({rows}, index) => [
		...(index > 0 ? [{label: '', text: '', command: false}] : []),
		...rows.map((row) => ({
			label: commandLabel(row, 'short', arrows),
			text: row.description,
			command: 'slash' in row,
		})),
	]);
}

export type KeyHint = {keys: string; label: string};

/** The footer's hints (`overlay` false) or an overlay rule's (`overlay` true), in table order. */
export function keyHints(
	arrows: Glyphs['arrows'],
	{overlay = false}: {overlay?: boolean} = {},
): KeyHint[] {
	return keyCommands.flatMap((row) =>
		row.hint && inOverlay(row) === overlay
			? [
					{
						keys: compactKeys(row.hint.keys ?? row.keys, arrows),
						label: row.hint.label,
					},
				]
			: [],
	);
}

/**
The keys and commands for `shipyard-tui --help`, as lines indented like the rest of it. `text` puts
a description in the terminal's charset.
*/
export function cliHelpSection(
	arrows: Glyphs['arrows'],
	text: (description: string) => string = (description) => description,
): string {
	// Names as on the screen (`^O`): they fit the column the options use.
	const width = 20;
	return commandSections()
		.map(({title, rows}) =>
			[
				`\tMonitor: ${title.toLowerCase()}`,
				...rows.map(
					(row) =>
						`\t  ${`${commandLabel(row, 'short', arrows)} `.padEnd(width)}${text(row.description)}`,
				),
			].join('\n'),
		)
		.join('\n\n');
}

export const readmeStart = '<!-- commands:start -->';
export const readmeEnd = '<!-- commands:end -->';

/** The readme's tables of keys and commands, between their markers. */
export function readmeTables(): string {
	const cell = (text: string) => text.replaceAll('|', String.raw`\|`);
	const sections = commandSections().map(({title, rows}, index) => {
		const slash = rows.some((row) => 'slash' in row);
		const lines = rows.map((row) => {
			const label = commandLabel(row, 'long', unicodeGlyphs.arrows);
			const shown =
				'slash' in row
					? label
							.split(', ')
							.map((name) => `\`${name}\``)
							.join(', ')
					: label;
			const text = row.details
				? `${row.description}; ${row.details}`
				: row.description;
			return `| ${cell(shown)} | ${cell(text)} |`;
		});
		return [
			index === 2 ? `${title}:` : `### ${title}`,
			'',
			`| ${slash ? 'command' : 'key'} | does |`,
			'| --- | --- |',
			...lines,
		].join('\n');
	});
	return [
		readmeStart,
		'<!-- Written from source/view/commands/table.ts by `npm run readme:tables`: edit the table, not this. -->',
		'',
		...sections.flatMap((section) => [section, '']),
		readmeEnd,
	].join('\n');
}

/** The readme with its tables written afresh from the command table. */
export function withReadmeTables(readme: string): string {
	const start = readme.indexOf(readmeStart);
	const end = readme.indexOf(readmeEnd);
	if (start === -1 || end < start) {
		throw new Error(
			`the readme has no ${readmeStart} … ${readmeEnd} block for the command tables`,
		);
	}

	return (
		readme.slice(0, start) +
		readmeTables() +
		readme.slice(end + readmeEnd.length)
	);
}
