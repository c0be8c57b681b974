import {beforeEach, expect, test, vi} from 'vitest';
import type * as sanitizeModule from '../../../source/core/messages/sanitize.js';

// `sanitize` keeps a scratch buffer between calls (4 Ki units at first); each test loads a fresh
// copy of the module, so that buffer is the first one and its size is known.
let sanitize: typeof sanitizeModule.sanitize;
beforeEach(async () => {
	vi.resetModules();
	({sanitize} = await import('../../../source/core/messages/sanitize.js'));
});

test('a long line kept whole in multiline mode is not cut to the first scratch buffer', () => {
	// LF is kept as it is, so no unit of this text goes through a replacement's room check.
	const text = `${'a'.repeat(4099)}\n`;
	expect(sanitize(text, {multiline: true})).toBe(text);
});

test('a kept colour sequence past the first scratch buffer is kept whole', () => {
	const text = `${'a'.repeat(4094)}\u001B[31mred\u001B[0m`;
	expect(sanitize(text, {keepSgr: true})).toBe(text);
});

test('a control just past 4 Ki units of plain text', () => {
	expect(sanitize(`${'a'.repeat(4100)}\u0007`)).toBe(`${'a'.repeat(4100)}␇`);
	expect(sanitize(`\u0007${'a'.repeat(4100)}`)).toBe(`␇${'a'.repeat(4100)}`);
});

test('escapes that grow the text past the first scratch buffer, then plain text', () => {
	const text = `${'\u009B'.repeat(1100)}${'b'.repeat(50)}`;
	expect(sanitize(text)).toBe(
		`${String.raw`\x9b`.repeat(1100)}${'b'.repeat(50)}`,
	);
});
