import {useRef, useState} from 'react';
import {step} from '../view/commands/step.js';
import {type StepContext} from '../view/commands/types.js';
import {type EffectTargets, runEffects} from '../view/run-effects.js';
import {initialUiState, type UiState} from '../view/ui-state.js';
import {useKeys} from './use-keys.js';

/** What a key reads and acts on, as they are when it arrives. */
export type KeyWorld = {context: StepContext; targets: EffectTargets};

/**
The screen's state, changed only by keys: each key goes through the pure `step`, and the effects it
returns run (`runEffects`) before the next key is stepped, as they did when keys acted directly.
Keys that arrive in one read each see the state the previous one left.
*/
export function useCommandKeys(
	world: () => KeyWorld,
	initial: UiState = initialUiState,
): UiState {
	const [ui, setUi] = useState<UiState>(initial);
	const uiRef = useRef(ui);
	useKeys((events) => {
		const {context, targets} = world();
		for (const event of events) {
			const result = step(uiRef.current, event, context);
			uiRef.current = result.state;
			runEffects(result.effects, targets);
		}

		setUi(uiRef.current);
	});
	return ui;
}
