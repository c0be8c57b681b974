/**
The detail view while a search is on: its matches show inverse there too, row by row.
*/
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {afterEach, expect, test, vi} from 'vitest';
import {DetailView} from '../../source/components/detail-view.js';
import {parseTextPattern} from '../../source/core/query/text-pattern.js';

// Styles are printed only for a colour terminal; the highlight is a style (see message-pane-find).
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

test('marks every match of the search in the rows shown, and says y/Y copies', () => {
	const parsed = parseTextPattern(String.raw`/"n": \d+/`);
	expect(parsed.ok).toBe(true);
	const rendered = render(
		<DetailView
			lines={['{', '  "n": 14,', '  "m": 2', '}']}
			summary="alpha · 12:00:00 · in · json"
			width={80}
			height={8}
			offset={0}
			find={parsed.ok ? parsed.pattern : undefined}
		/>,
	);
	cleanup = rendered.unmount;
	const frame = rendered.lastFrame() ?? '';
	expect(frame).toContain('  \u001B[7m"n": 14\u001B[27m,');
	expect(
		frame.split('\n').filter((row) => row.includes('\u001B[7m')),
	).toHaveLength(1);
	expect(stripVTControlCharacters(frame)).toMatch(
		/^─ message · .*y\/Y copies/m,
	);
});
