import {expect, test} from 'vitest';
import {keyHints} from '../../source/view/commands/docs.js';
import {fitHints} from '../../source/view/commands/fit-hints.js';
import {unicodeGlyphs} from '../../source/view/glyphs.js';

const hints = keyHints(unicodeGlyphs.arrows);
const line = (width: number) =>
	` ${fitHints(hints, width)
		.map(({keys, label}) => `${keys} ${label}`)
		.join('  ')}`;

test('every hint when the line is wide enough', () => {
	expect(fitHints(hints, 200)).toEqual(hints);
});

test('narrower: whole hints left out, never one cut, and help and quit kept', () => {
	for (const width of [100, 80, 60, 40, 25]) {
		const text = line(width);
		expect(text.length).toBeLessThanOrEqual(width);
		expect(text).toMatch(/\? help {2}\^C quit$/);
		expect(text).not.toContain('…');
	}

	expect(line(100)).toBe(
		' Enter send  Tab target  ↑↓ history  PgUp/PgDn scroll  End follow  ^O detail  ? help  ^C quit',
	);
});

test('too narrow even for help and quit: what fits, in order', () => {
	expect(line(10)).toBe(' ? help');
	expect(line(3)).toBe(' ');
});
