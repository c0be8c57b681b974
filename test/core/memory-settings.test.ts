import v8 from 'node:v8';
import {afterEach, expect, test, vi} from 'vitest';
import {createMemoryMode} from '../../source/memory-settings.js';

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

test('favours memory from the first skipped frame until 5 s after the last, then lets go', () => {
	vi.useFakeTimers();
	const flags: string[] = [];
	vi.spyOn(v8, 'setFlagsFromString').mockImplementation((flag) => {
		flags.push(flag);
	});
	const mode = createMemoryMode();
	mode.flooding();
	mode.flooding();
	vi.advanceTimersByTime(4999);
	mode.flooding();
	vi.advanceTimersByTime(4999);
	expect(flags).toEqual(['--optimize-for-size']);
	vi.advanceTimersByTime(1);
	expect(flags).toEqual(['--optimize-for-size', '--no-optimize-for-size']);
	mode.flooding();
	expect(flags.at(-1)).toBe('--optimize-for-size');
	mode.close();
	vi.advanceTimersByTime(10_000);
	expect(flags).toHaveLength(3);
});
