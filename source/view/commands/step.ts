import {type KeyEvent} from '../key-decoder.js';
import {type UiState} from '../ui-state.js';
import {act} from './answers.js';
import {type KeyId, keyIds} from './keys.js';
import {keyCommands} from './table.js';
import {
	type KeyCommand,
	type Step,
	type StepContext,
	type Where,
} from './types.js';

/**
What one key does: the state it leaves and the effects to run, computed from the state, the key and
what the screen showed; nothing else is read or changed. Bubble Tea's `Update(msg) (Model, Cmd)`.
*/
export function step(
	state: UiState,
	input: KeyEvent,
	context: StepContext,
): Step {
	return input.type === 'text'
		? typeText(state, input.text, context)
		: press(
				state,
				keyIds(input),
				context,
				input.type === 'paste' ? input.text : '',
			);
}

/**
Every key of one read, in order, each against the state the one before it left: a chunk of keys does
exactly what the same keys typed one by one do.
*/
export function steps(
	state: UiState,
	inputs: readonly KeyEvent[],
	context: StepContext,
): Step {
	let result: Step = {state, effects: []};
	for (const input of inputs) {
		const next = step(result.state, input, context);
		result = {state: next.state, effects: [...result.effects, ...next.effects]};
	}

	return result;
}

/** Where keys act now, first come first served (see `Where`). */
function places(state: UiState): Where[] {
	if (state.overlay !== 'none') {
		return [
			'anywhere',
			...(state.overlay === 'detail' ? (['detail'] as const) : []),
			'overlay',
		];
	}

	return [
		'anywhere',
		'line',
		...(state.input === '' ? (['empty-line'] as const) : []),
	];
}

/** The row a key runs here, and which of its keys it is; ids may be any typed character. */
function find(
	state: UiState,
	ids: readonly string[],
): {row: KeyCommand; key: KeyId} | undefined {
	for (const where of places(state)) {
		for (const id of ids) {
			for (const row of keyCommands) {
				const key =
					row.where === where
						? [...row.keys, ...(row.aliases ?? [])].find(
								(bound) => bound === id,
							)
						: undefined;
				if (key !== undefined) {
					return {row, key};
				}
			}
		}
	}

	return undefined;
}

/** The characters that act as keys in this state rather than being typed. */
function textKeys(state: UiState): Set<string> {
	const where = places(state);
	return new Set(
		keyCommands
			.filter((command) => where.includes(command.where))
			.flatMap((command) => [...command.keys, ...(command.aliases ?? [])])
			.filter((key) => key.length === 1),
	);
}

const closeOverlay = (state: UiState) =>
	act(state, {type: 'overlay', overlay: 'none'});

/** A key the table binds here runs its row; any other key first closes an open overlay. */
function press(
	state: UiState,
	ids: readonly string[],
	context: StepContext,
	text: string,
): Step {
	const found = find(state, ids);
	if (found) {
		return found.row.run(state, found.key, context, text);
	}

	if (state.overlay === 'none') {
		return act(state);
	}

	// With the overlay closed no overlay row applies: this recursion is one level deep.
	return press(closeOverlay(state).state, ids, context, text);
}

/**
Printable text, however much came in one read. A character the table binds where it is typed (`?` on
an empty line; `q` in an overlay …) acts as that key; in an open overlay any other character closes
it and is then typed; the rest goes into the line.
*/
function typeText(state: UiState, text: string, context: StepContext): Step {
	let result: Step = {state, effects: []};
	let rest = text;
	// Each turn consumes at least one character, or closes the overlay (which the next turn sees).
	while (rest !== '') {
		const current = result.state;
		const found = find(current, [rest[0]!]);
		if (found) {
			const next = found.row.run(current, found.key, context, '');
			result = {
				state: next.state,
				effects: [...result.effects, ...next.effects],
			};
			rest = rest.slice(1);
			continue;
		}

		if (current.overlay !== 'none') {
			result = {...result, state: closeOverlay(current).state};
			continue;
		}

		// Up to the next character that is a key here: `?` opens help only if everything before it
		// was dropped as unprintable and the line is still empty.
		const keys = textKeys(current);
		let end = 1;
		while (end < rest.length && !keys.has(rest[end]!)) {
			end++;
		}

		result = {
			...result,
			state: act(current, {type: 'insert', text: rest.slice(0, end)}).state,
		};
		rest = rest.slice(end);
	}

	return result;
}
