/**
Issue 11's commands that change how things are shown, through `step` alone: `/ansi`.
*/
import {describe, expect, test} from 'vitest';
import {enter} from '../helpers/step.js';

const cleared = {type: 'say', feedback: undefined} as const;
const said = (text: string, tone: string) => ({
	type: 'say',
	feedback: {text, tone},
});

describe('/ansi', () => {
	test('off shows SGR as text, on draws it again, alone toggles and says which', () => {
		const off = enter('/ansi off');
		expect(off.state.ansiOff).toBe(true);
		expect(off.effects).toEqual([
			cleared,
			said("servers' colours off: SGR shows as escaped text", 'info'),
		]);
		const on = enter('/ansi ON', {state: off.state});
		expect(on.state.ansiOff).toBeUndefined();
		expect(on.effects).toContainEqual(
			said("servers' colours on: SGR colour and style are drawn", 'info'),
		);
		const toggled = enter('/ansi');
		expect(toggled.state.ansiOff).toBe(true);
		expect(
			enter('/ansi', {state: toggled.state}).state.ansiOff,
		).toBeUndefined();
	});

	test('anything but on or off says so and changes nothing', () => {
		const {state, effects} = enter('/ansi maybe');
		expect(state.ansiOff).toBeUndefined();
		expect(effects).toContainEqual(
			said('/ansi takes on or off, not "maybe"', 'error'),
		);
		expect(enter('/ansi on off').effects).toContainEqual(
			said('/ansi takes on or off, not "on off"', 'error'),
		);
	});
});
