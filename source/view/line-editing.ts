import {
	cleanInput,
	cleanPaste,
	nextBoundary,
	previousBoundary,
} from './line-text.js';
import {type UiState} from './ui-state.js';

/* Editing the input line: the changes `uiReducer` makes to the text, the cursor and history. */

export function insert(
	state: UiState,
	typed: string,
	pasted: boolean,
): UiState {
	const text = pasted ? cleanPaste(typed) : cleanInput(typed);
	if (text === '') {
		return state;
	}

	return {
		...state,
		input:
			state.input.slice(0, state.cursor) +
			text +
			state.input.slice(state.cursor),
		cursor: state.cursor + text.length,
		historyIndex: undefined,
	};
}

export function deleteBack(state: UiState): UiState {
	if (state.cursor === 0) {
		return state;
	}

	const from = previousBoundary(state.input, state.cursor);
	return {
		...state,
		input: state.input.slice(0, from) + state.input.slice(state.cursor),
		cursor: from,
	};
}

export function deleteForward(state: UiState): UiState {
	const to = nextBoundary(state.input, state.cursor);
	return to === state.cursor
		? state
		: {
				...state,
				input: state.input.slice(0, state.cursor) + state.input.slice(to),
			};
}

export function moveCursor(
	state: UiState,
	to: 'left' | 'right' | 'start' | 'end',
): number {
	switch (to) {
		case 'left': {
			return previousBoundary(state.input, state.cursor);
		}

		case 'right': {
			return nextBoundary(state.input, state.cursor);
		}

		case 'start': {
			return 0;
		}

		case 'end': {
			return state.input.length;
		}
	}
}

export function browseHistory(
	state: UiState,
	direction: 'older' | 'newer',
): UiState {
	const {history} = state;
	if (history.length === 0) {
		return state;
	}

	if (direction === 'older') {
		const index =
			state.historyIndex === undefined
				? history.length - 1
				: Math.max(0, state.historyIndex - 1);
		const draft = state.historyIndex === undefined ? state.input : state.draft;
		const line = history[index]!;
		return {
			...state,
			historyIndex: index,
			draft,
			input: line,
			cursor: line.length,
		};
	}

	if (state.historyIndex === undefined) {
		return state;
	}

	const index = state.historyIndex + 1;
	if (index >= history.length) {
		return {
			...state,
			historyIndex: undefined,
			input: state.draft,
			cursor: state.draft.length,
		};
	}

	const line = history[index]!;
	return {...state, historyIndex: index, input: line, cursor: line.length};
}
