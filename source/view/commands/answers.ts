import {type Delivery} from '../../core/connections/types.js';
import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {type Feedback} from '../feedback.js';
import {type UiAction, type UiState, uiReducer} from '../ui-state.js';
import {type Effect, type Step} from './types.js';

/** A step that changes the state only. */
export function act(state: UiState, ...actions: UiAction[]): Step {
	let next = state;
	for (const action of actions) {
		next = uiReducer(next, action);
	}

	return {state: next, effects: []};
}

/**
An answer to a command: by the prompt, where no filter hides it; and, when worth keeping, in the pane
as a note too.
*/
export function answer(
	text: string,
	tone: Feedback['tone'],
	{note = true}: {note?: boolean} = {},
): Effect[] {
	return [
		...(note ? [{type: 'note', text} as const] : []),
		{type: 'say', feedback: {text, tone}},
	];
}

export function describeSubscription(
	kind: 'subscribe' | 'unsubscribe',
	topic: string,
	deliveries: readonly Delivery[],
): Feedback {
	const reached = deliveries.filter((delivery) => delivery.delivered).length;
	const verb = `${kind}d`;
	const shown = sanitizeLabel(topic, 200);
	if (deliveries.length === 0) {
		return {
			text:
				kind === 'subscribe'
					? `${verb} ${shown}: no server is connected now; each one gets it when it connects`
					: `${verb} ${shown}: no server is connected now`,
			tone: 'warning',
		};
	}

	return {
		text: `${verb} ${shown} on ${reached} of ${deliveries.length} servers`,
		tone: reached === deliveries.length ? 'info' : 'warning',
	};
}
