import {type Glyphs} from '../glyphs.js';
import {type KeyEvent, type KeyName} from '../key-decoder.js';

type Letter =
	| 'a'
	| 'b'
	| 'c'
	| 'd'
	| 'e'
	| 'f'
	| 'g'
	| 'h'
	| 'i'
	| 'j'
	| 'k'
	| 'l'
	| 'm'
	| 'n'
	| 'o'
	| 'p'
	| 'q'
	| 'r'
	| 's'
	| 't'
	| 'u'
	| 'v'
	| 'w'
	| 'x'
	| 'y'
	| 'z';

/** A printable character that acts as a key in some context (typed text otherwise). */
type TextKey = Letter | 'Y' | '?' | '/' | '*' | '+' | '-' | '.' | ',';

/**
How the command table names a key: a named key (`enter`, `pageUp`), with Shift (`shift+tab`), Ctrl
with a letter (`ctrl+o`), a printable character (`?`), or `paste` (a whole bracketed paste).
*/
export type KeyId =
	KeyName | `shift+${KeyName}` | `ctrl+${Letter}` | TextKey | 'paste';

/**
The ids a decoded key answers to, most specific first: Shift+↑ is `shift+up`, and `up` where nothing
binds Shift+↑ (as before the table, Shift only changes Tab). Text is looked up one character at a
time by the step, so it has none here.
*/
export function keyIds(event: Exclude<KeyEvent, {type: 'text'}>): KeyId[] {
	switch (event.type) {
		case 'paste': {
			return ['paste'];
		}

		case 'ctrl': {
			return isLetter(event.letter) ? [`ctrl+${event.letter}`] : [];
		}

		case 'key': {
			return event.shift ? [`shift+${event.name}`, event.name] : [event.name];
		}
	}
}

const isLetter = (text: string): text is Letter => /^[a-z]$/.test(text);

/** Names as people write them. `short` is the screen's (`^O`); `long` the readme's (`Ctrl+O`). */
export type KeyStyle = 'short' | 'long';

const names: Record<string, string | undefined> = {
	enter: 'Enter',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Delete',
	escape: 'Esc',
	home: 'Home',
	end: 'End',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
};

/** Short enough for the help view's key column. */
const shortNames: Record<string, string | undefined> = {
	backspace: 'Bksp',
	delete: 'Del',
};

const arrowNames: Record<string, 'up' | 'down' | 'left' | 'right' | undefined> =
	{up: 'up', down: 'down', left: 'left', right: 'right'};

/** One key's name: `Enter`, `↑` (`Up` in ASCII), `^O` or `Ctrl+O`, `Shift+Tab`, `?`. */
export function keyLabel(
	id: KeyId,
	style: KeyStyle,
	arrows: Glyphs['arrows'],
): string {
	const [, modifier, name = id] = /^(ctrl|shift)\+(.+)$/.exec(id) ?? [];
	if (modifier === 'ctrl') {
		const letter = name.toUpperCase();
		return style === 'short' ? `^${letter}` : `Ctrl+${letter}`;
	}

	const arrow = arrowNames[name];
	const label = arrow
		? arrows[arrow]
		: ((style === 'short' ? shortNames[name] : undefined) ??
			names[name] ??
			name);
	return modifier === 'shift' ? `Shift+${label}` : label;
}

/**
Keys as a hint on one line (the footer, an overlay's rule): `↑↓ PgUp/PgDn`, `Tab`. An arrow pair
takes its one-glyph form and a space apart from the rest; other keys are joined with `/`.
*/
export function compactKeys(
	ids: readonly KeyId[],
	arrows: Glyphs['arrows'],
): string {
	const groups: string[] = [];
	let plain: string[] = [];
	for (let index = 0; index < ids.length; index++) {
		const pair = `${ids[index]} ${ids[index + 1] ?? ''}`;
		const glyph =
			pair === 'up down'
				? arrows.upDown
				: pair === 'left right'
					? arrows.leftRight
					: undefined;
		if (glyph === undefined) {
			plain.push(keyLabel(ids[index]!, 'short', arrows));
			continue;
		}

		if (plain.length > 0) {
			groups.push(plain.join('/'));
			plain = [];
		}

		groups.push(glyph);
		index++;
	}

	if (plain.length > 0) {
		groups.push(plain.join('/'));
	}

	return groups.join(' ');
}
