import {keyCommands} from './key-table.js';
import {type KeyId} from './keys.js';
import {type KeyCommand, type Where} from './types.js';

/*
The config file's key remaps (`"keys": {"ctrl+o": "ctrl+g"}`): a key the command table binds, and the
key to press instead, wherever the first was bound. Checked against the table: a key bound to
nothing, a name no terminal sends, or a key that would then do two things in one place is an error
that says so. Applied once at start-up, before help, the footer or the step read the table, so all
three show and do the same.
*/

const namedKeys = new Set([
	'enter',
	'tab',
	'backspace',
	'delete',
	'escape',
	'up',
	'down',
	'left',
	'right',
	'home',
	'end',
	'pageUp',
	'pageDown',
]);

/** Whether `id` is a key the decoder can produce: `ctrl+g`, `shift+tab`, `pageUp`, a printable character. */
function isKeyId(id: string): id is KeyId {
	const [, modifier, name = id] = /^(ctrl|shift)\+(.+)$/.exec(id) ?? [];
	if (modifier === 'ctrl') {
		return /^[a-z]$/.test(name);
	}

	if (modifier === 'shift') {
		return namedKeys.has(name);
	}

	return namedKeys.has(id) || /^[\u0021-\u007E]$/.test(id);
}

/** Places where one key cannot mean two things: a key acting `anywhere` shadows every other place. */
function overlaps(a: Where, b: Where): boolean {
	if (a === b || a === 'anywhere' || b === 'anywhere') {
		return true;
	}

	const mainScreen = new Set<Where>(['line', 'empty-line']);
	const overlay = new Set<Where>(['overlay', 'detail']);
	return (
		(mainScreen.has(a) && mainScreen.has(b)) ||
		(overlay.has(a) && overlay.has(b))
	);
}

const boundKeys = (row: KeyCommand): string[] => [
	...row.keys,
	...(row.aliases ?? []),
];

/** The table with the remaps applied, or what is wrong with them. */
export function remapKeys(
	rows: readonly KeyCommand[],
	remaps: Readonly<Record<string, string>>,
): {ok: true; rows: KeyCommand[]} | {ok: false; error: string} {
	const bound = new Set(rows.flatMap((row) => boundKeys(row)));
	for (const [from, to] of Object.entries(remaps)) {
		if (!bound.has(from)) {
			return {
				ok: false,
				error: `keys: "${from}" is not a key the monitor binds (see /help; names as ctrl+o, shift+tab, pageUp, ?)`,
			};
		}

		const typedText = /^[\u0021-\u007E]$/.test(to);
		if (
			typedText &&
			rows.some(
				(row) =>
					boundKeys(row).includes(from) &&
					(row.where === 'line' || row.where === 'anywhere'),
			)
		) {
			return {
				ok: false,
				error: `keys.${from}: "${to}" is typed text while a line is edited; use ctrl+<letter> or a named key`,
			};
		}

		if (!isKeyId(to)) {
			return {
				ok: false,
				error: `keys.${from}: "${to}" is not a key name (ctrl+<letter>, enter, tab, escape, up, down, left, right, home, end, pageUp, pageDown, shift+<name>, or one printable character)`,
			};
		}
	}

	const swap = (keys: readonly KeyId[]) =>
		keys.map((key) => {
			const to = Object.hasOwn(remaps, key) ? remaps[key] : undefined;
			return to !== undefined && isKeyId(to) ? to : key;
		});
	const remapped = rows.map((row) => ({
		...row,
		keys: swap(row.keys),
		...(row.aliases ? {aliases: swap(row.aliases)} : {}),
		...(row.hint?.keys ? {hint: {...row.hint, keys: swap(row.hint.keys)}} : {}),
	}));
	for (const [index, row] of remapped.entries()) {
		for (const other of remapped.slice(index + 1)) {
			const shared = boundKeys(row).find((key) =>
				boundKeys(other).includes(key),
			);
			if (
				shared !== undefined &&
				overlaps(row.where, other.where) &&
				Object.values(remaps).includes(shared)
			) {
				return {
					ok: false,
					error: `keys: "${shared}" would both ${row.description} and ${other.description}`,
				};
			}
		}
	}

	return {ok: true, rows: remapped};
}

/**
Applies the remaps to the command table itself, for the whole run (see the top of this file). Returns
an undo, for tests. Keys already there are checked first; nothing changes on an error.
*/
export function applyKeyRemaps(
	remaps: Readonly<Record<string, string>>,
): {ok: true; undo: () => void} | {ok: false; error: string} {
	const result = remapKeys(keyCommands, remaps);
	if (!result.ok) {
		return result;
	}

	// The table is a constant array of rows everyone imports: its rows change in place.
	// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- readonly to its readers, changed here alone
	const table = keyCommands as KeyCommand[];
	const original = [...table];
	table.splice(0, table.length, ...result.rows);
	return {
		ok: true,
		undo() {
			table.splice(0, table.length, ...original);
		},
	};
}
