import {type KeyEvent, type KeyName} from './key-decoder.js';

/* What the escape sequences terminals send for keys mean: xterm's CSI and SS3 forms, and kitty's. */

export const csiFinalKeys: Record<string, KeyName> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
};

const tildeKeys: Record<string, KeyName> = {
	'1': 'home',
	'7': 'home',
	'3': 'delete',
	'4': 'end',
	'8': 'end',
	'5': 'pageUp',
	'6': 'pageDown',
};

export function csiKey(
	parameters: string,
	final: string,
): KeyEvent | undefined {
	// Modifiers come as `1;2` (xterm): 2 is Shift.
	const [first = '', modifier] = parameters.split(';');
	const shift = modifier === '2';
	if (final === 'Z') {
		return {type: 'key', name: 'tab', shift: true};
	}

	if (final === 'u') {
		return kittyKey(parameters);
	}

	if (final === '~') {
		// `201~` outside a paste is a stray closing bracket: dropped, like every unknown sequence.
		const name = tildeKeys[first];
		return name ? {type: 'key', name} : undefined;
	}

	const name = csiFinalKeys[final];
	if (name === undefined || !/^1?$/.test(first)) {
		return undefined;
	}

	return shift ? {type: 'key', name, shift} : {type: 'key', name};
}

/**
A key in the kitty keyboard protocol (`ESC [ code ; modifiers u`). The monitor does not ask for it,
but a terminal another program left in that mode still sends it; understood rather than dropped.
*/
function kittyKey(parameters: string): KeyEvent | undefined {
	const [codeField = '', modifierField = '1'] = parameters.split(';');
	const code = Number.parseInt(codeField, 10);
	const modifiers = Number.parseInt(modifierField, 10) - 1;
	const shift = (modifiers & 1) !== 0;
	if (!Number.isSafeInteger(code) || code < 0 || code > 0x10_ff_ff) {
		return undefined;
	}

	if ((modifiers & 4) !== 0) {
		// Ctrl: only Ctrl+letter means something here.
		return code >= 0x61 && code <= 0x7a
			? {type: 'ctrl', letter: String.fromCodePoint(code)}
			: undefined;
	}

	if ((modifiers & ~1) !== 0) {
		return undefined; // Alt, Super …: nothing is bound to them.
	}

	const named: Record<number, KeyName> = {
		27: 'escape',
		13: 'enter',
		9: 'tab',
		127: 'backspace',
	};
	const name = named[code];
	if (name) {
		return name === 'tab' && shift
			? {type: 'key', name, shift}
			: {type: 'key', name};
	}

	return code >= 0x20 && (code < 0x7f || code > 0x9f)
		? {type: 'text', text: String.fromCodePoint(code)}
		: undefined;
}
