import {describe, expect, test} from 'vitest';
import {
	commandLabel,
	helpRows,
	keyHints,
} from '../../source/view/commands/docs.js';
import {commandTable, keyCommands} from '../../source/view/commands/table.js';
import {asciiGlyphs, unicodeGlyphs} from '../../source/view/glyphs.js';

const {arrows} = unicodeGlyphs;

describe('written from the command table', () => {
	test('the footer names the keys a newcomer needs, in table order', () => {
		expect(
			keyHints(arrows)
				.map(({keys, label}) => `${keys} ${label}`)
				.join('  '),
		).toBe(
			'Enter send  Tab target  ↑↓ history  PgUp/PgDn scroll  End follow  ^O detail  ^F find  ? help  ^C quit',
		);
		expect(keyHints(asciiGlyphs.arrows)[2]).toEqual({
			keys: 'Up/Down',
			label: 'history',
		});
		expect(keyHints(arrows, {overlay: true})).toEqual([
			{keys: '↑↓ PgUp/PgDn', label: 'scroll'},
			{keys: 'Esc', label: 'closes'},
		]);
	});

	test('help lists every row once, keys then commands then the overlay keys, with aliases', () => {
		const rows = helpRows(arrows);
		expect(rows).toHaveLength(commandTable.length + 2);
		expect(rows[0]).toMatchObject({label: 'Enter', command: false});
		expect(rows[1]).toMatchObject({label: 'Tab / Shift+Tab'});
		const labels = rows.map(({label}) => label);
		for (const label of [
			'← / →, ^A / ^E',
			'Bksp / Del, ^W / ^U',
			'/help, /?',
			'/to <id|all|*>',
			'/quit, /q, /exit',
			'//text',
			'← / →, p / n',
			'Esc, Enter, q, ?',
		]) {
			expect(labels).toContain(label);
		}

		// The blank rows part the sections; the commands are the middle one.
		const blanks = labels.flatMap((label, index) =>
			label === '' ? [index] : [],
		);
		expect(
			rows.slice(blanks[0]! + 1, blanks[1]).every(({command}) => command),
		).toBe(true);
	});

	test('the readme spells Ctrl and Backspace out', () => {
		const row = keyCommands.find((command) => command.keys.includes('ctrl+w'))!;
		expect(commandLabel(row, 'long', arrows)).toBe(
			'Backspace / Delete, Ctrl+W / Ctrl+U',
		);
	});
});
