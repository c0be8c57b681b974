import {steps} from '../../source/view/commands/step.js';
import {type Step, type StepContext} from '../../source/view/commands/types.js';
import {createKeyDecoder} from '../../source/view/key-decoder.js';
import {initialUiState, type UiState} from '../../source/view/ui-state.js';
import {inkInputEvents} from './ink-input.js';
import {serverRow} from './monitor-fixtures.js';

/**
What a key sees in these tests unless told otherwise: three connected servers, thirty messages
(seqs 0 … 29) of which the pane shows ten, the newest at the bottom.
*/
export function stepContext(parts: Partial<StepContext> = {}): StepContext {
	return {
		servers: [serverRow('alpha'), serverRow('beta'), serverRow('echo-alpha')],
		seqs: Array.from({length: 30}, (_, index) => index),
		pageSize: 10,
		bottomSeq: 29,
		overlayMaxOffset: 0,
		overlayPage: 1,
		...parts,
	};
}

/**
Bytes as a terminal sends them, through Ink's splitter and the decoder, then `step` for each key:
the monitor's whole key path without a renderer. `reads` arrive one after another.
*/
export function typeReads(
	reads: readonly string[],
	{
		state = initialUiState,
		context = stepContext(),
	}: {state?: UiState; context?: StepContext} = {},
): Step {
	const decoder = createKeyDecoder();
	const events = inkInputEvents(reads).flatMap((input) => decoder.push(input));
	return steps(state, events, context);
}

/** Each key typed on its own, the program seeing each before the next arrives. */
export function typeOneByOne(
	keys: readonly string[],
	options: {state?: UiState; context?: StepContext} = {},
): Step {
	// A key is one read; so are the characters of a line typed in full.
	return typeReads(
		keys.flatMap((key) => (key.startsWith('\u001B') ? [key] : [...key])),
		options,
	);
}

/** A line typed and Enter pressed, in one read. */
export function enter(
	line: string,
	options: {state?: UiState; context?: StepContext} = {},
): Step {
	return typeReads([`${line}\r`], options);
}
