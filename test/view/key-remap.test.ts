import {afterEach, describe, expect, test} from 'vitest';
import {keyHints} from '../../source/view/commands/docs.js';
import {
	applyKeyRemaps,
	remapKeys,
} from '../../source/view/commands/key-remap.js';
import {keyCommands} from '../../source/view/commands/table.js';
import {unicodeGlyphs} from '../../source/view/glyphs.js';
import {typeReads} from '../helpers/step.js';

const ctrlO = '\u000F';
const ctrlG = '\u0007';

let undo: (() => void) | undefined;
afterEach(() => {
	undo?.();
	undo = undefined;
});

describe('key remaps from the config file', () => {
	test('the remapped key does what the old one did, and the old one no longer does', () => {
		expect(typeReads([ctrlO]).state.overlay).toBe('detail');
		expect(typeReads([ctrlG]).state.overlay).toBe('none');
		const applied = applyKeyRemaps({'ctrl+o': 'ctrl+g'});
		expect(applied.ok).toBe(true);
		undo = applied.ok ? applied.undo : undefined;
		expect(typeReads([ctrlG]).state.overlay).toBe('detail');
		expect(typeReads([ctrlO]).state.overlay).toBe('none');
		// The footer reads the same table.
		expect(keyHints(unicodeGlyphs.arrows)).toContainEqual({
			keys: '^G',
			label: 'detail',
		});
	});

	test('two keys can swap places', () => {
		const swapped = remapKeys(keyCommands, {
			'ctrl+o': 'ctrl+f',
			'ctrl+f': 'ctrl+o',
		});
		expect(swapped.ok).toBe(true);
	});

	test('an unknown key, a bad name, a clash or typed text is a clear error, and nothing changes', () => {
		expect(applyKeyRemaps({'ctrl+q': 'ctrl+g'})).toEqual({
			ok: false,
			error:
				'keys: "ctrl+q" is not a key the monitor binds (see /help; names as ctrl+o, shift+tab, pageUp, ?)',
		});
		expect(remapKeys(keyCommands, {'ctrl+o': 'ctrl+ö'})).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^keys\.ctrl\+o: "ctrl\+ö" is not a key name/,
			),
		});
		expect(remapKeys(keyCommands, {'ctrl+o': 'ctrl+f'})).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^keys: "ctrl\+f" would both open the current match.* and search/,
			),
		});
		expect(remapKeys(keyCommands, {'ctrl+o': 'x'})).toMatchObject({
			ok: false,
			error: expect.stringContaining('typed text'),
		});
		expect(typeReads([ctrlO]).state.overlay).toBe('detail');
	});
});
