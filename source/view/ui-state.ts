/**
Everything the screen remembers between keystrokes, changed only through `uiReducer`: several keys can
arrive in one tick, and a reducer applies each of them to the state left by the one before.
*/
export type UiState = {
	input: string;
	/** Cursor position in `input`, in UTF-16 units. */
	cursor: number;
	/** Sent lines, oldest first. */
	history: string[];
	/** Position while browsing history with ↑/↓; undefined when editing a new line. */
	historyIndex?: number;
	/** The unsent line, kept while browsing history. */
	draft: string;
	/** Send to this server only; undefined = every connected server. */
	target?: string;
	/** Message pane: following new messages, or paused with this seq as the bottom line. */
	anchorSeq?: number;
	filter: MessageFilter;
	overlay: Overlay;
	/** Detail view: the seq of the message shown. */
	detailSeq?: number;
	/** Help or detail view: rows scrolled past at the top; back to 0 when another one opens. */
	overlayOffset?: number;
};

export type MessageFilter = {server?: string; text?: string};

export type Overlay = 'none' | 'help' | 'detail';

export const initialUiState: UiState = {
	input: '',
	cursor: 0,
	history: [],
	draft: '',
	filter: {},
	overlay: 'none',
};

export type UiAction =
	/** Typed text; `pasted` keeps its line breaks and tabs (they go out with the line). */
	| {type: 'insert'; text: string; pasted?: boolean}
	| {type: 'delete-back'}
	| {type: 'delete-forward'}
	| {type: 'delete-word'}
	| {type: 'clear-line'}
	| {type: 'cursor'; to: 'left' | 'right' | 'start' | 'end'}
	| {type: 'history'; direction: 'older' | 'newer'}
	/** The line was submitted: remember it and start a new one. */
	| {type: 'submitted'; line: string}
	| {type: 'set-target'; target?: string}
	/** Tab: the next target among these ids (all → first → … → last → all). */
	| {type: 'cycle-target'; ids: readonly string[]; backwards?: boolean}
	/** Scroll the pane by lines over this list of visible seqs (oldest first). */
	| {type: 'scroll'; by: number; seqs: readonly number[]; pageSize: number}
	| {type: 'follow'}
	| {type: 'set-filter'; filter: MessageFilter}
	| {type: 'overlay'; overlay: Overlay; detailSeq?: number}
	| {type: 'detail-step'; by: number; seqs: readonly number[]}
	/** Scroll the help or detail view, never past `maxOffset` (its last row at the bottom). */
	| {type: 'overlay-scroll'; by: number; maxOffset: number};

const historyLimit = 200;

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'insert': {
			return insert(state, action.text, action.pasted ?? false);
		}

		case 'delete-back': {
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

		case 'delete-forward': {
			return deleteForward(state);
		}

		case 'delete-word': {
			const before = state.input.slice(0, state.cursor).replace(/\S+\s*$/, '');
			return {
				...state,
				input: before + state.input.slice(state.cursor),
				cursor: before.length,
			};
		}

		case 'clear-line': {
			return {...state, input: '', cursor: 0, historyIndex: undefined};
		}

		case 'cursor': {
			return {...state, cursor: moveCursor(state, action.to)};
		}

		case 'history': {
			return browseHistory(state, action.direction);
		}

		case 'submitted': {
			const history =
				action.line === '' || state.history.at(-1) === action.line
					? state.history
					: [...state.history, action.line].slice(-historyLimit);
			return {
				...state,
				history,
				input: '',
				cursor: 0,
				draft: '',
				historyIndex: undefined,
			};
		}

		case 'set-target': {
			return {...state, target: action.target};
		}

		case 'cycle-target': {
			return {
				...state,
				target: cycle(state.target, action.ids, action.backwards ?? false),
			};
		}

		case 'scroll': {
			return scroll(state, action.by, action.seqs, action.pageSize);
		}

		case 'follow': {
			return {...state, anchorSeq: undefined};
		}

		case 'set-filter': {
			return {...state, filter: action.filter, anchorSeq: undefined};
		}

		case 'overlay': {
			return {
				...state,
				overlay: action.overlay,
				detailSeq: action.detailSeq,
				overlayOffset: undefined,
			};
		}

		case 'detail-step': {
			const index = action.seqs.indexOf(state.detailSeq ?? -1);
			const next =
				action.seqs[
					Math.min(action.seqs.length - 1, Math.max(0, index + action.by))
				];
			return next === undefined
				? state
				: {...state, detailSeq: next, overlayOffset: undefined};
		}

		case 'overlay-scroll': {
			const offset = Math.min(
				action.maxOffset,
				Math.max(0, (state.overlayOffset ?? 0) + action.by),
			);
			return {...state, overlayOffset: offset};
		}
	}
}

function insert(state: UiState, typed: string, pasted: boolean): UiState {
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

function deleteForward(state: UiState): UiState {
	const to = nextBoundary(state.input, state.cursor);
	return to === state.cursor
		? state
		: {
				...state,
				input: state.input.slice(0, state.cursor) + state.input.slice(to),
			};
}

/** Typed or pasted text: control characters never enter the line; line breaks become spaces. */
export function cleanInput(text: string): string {
	return text.replaceAll(/\r\n|[\r\n\t]/g, ' ').replaceAll(
		// eslint-disable-next-line no-control-regex -- finding control characters is the point
		/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g,
		'',
	);
}

/** Pasted text: line breaks (as \n) and tabs stay, every other control character goes. */
export function cleanPaste(text: string): string {
	return text
		.replaceAll(/\r\n?/g, '\n')
		.split(/([\n\t])/)
		.map((part) => (part === '\n' || part === '\t' ? part : cleanInput(part)))
		.join('');
}

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
Where the character a person sees before `cursor` starts: a family emoji (👨‍👩‍👧, five code points)
or a letter with its accents goes in one Backspace, as it came in one keypress.
*/
export function previousBoundary(text: string, cursor: number): number {
	if (cursor <= 0) {
		return 0;
	}

	// Only the last few code points can belong to the grapheme before the cursor; long emoji
	// sequences still fit in this window, and the line before it is not segmented on every key.
	const windowStart = Math.max(0, cursor - 64);
	let boundary = windowStart;
	for (const {index} of graphemes.segment(text.slice(windowStart, cursor))) {
		boundary = windowStart + index;
	}

	return boundary;
}

/** Where the character a person sees at `cursor` ends. */
export function nextBoundary(text: string, cursor: number): number {
	if (cursor >= text.length) {
		return text.length;
	}

	const segment = graphemes
		.segment(text.slice(cursor, cursor + 64))
		[Symbol.iterator]()
		.next().value;
	return cursor + (segment?.segment.length ?? 1);
}

function moveCursor(
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

function browseHistory(state: UiState, direction: 'older' | 'newer'): UiState {
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

function cycle(
	current: string | undefined,
	ids: readonly string[],
	backwards: boolean,
): string | undefined {
	if (ids.length === 0) {
		return undefined;
	}

	// Positions: -1 is "all", then each id.
	const index = current === undefined ? -1 : ids.indexOf(current);
	const count = ids.length + 1;
	const next = (((index + 1 + (backwards ? -1 : 1)) % count) + count) % count;
	return next === 0 ? undefined : ids[next - 1];
}

function scroll(
	state: UiState,
	by: number,
	seqs: readonly number[],
	pageSize: number,
): UiState {
	if (seqs.length <= pageSize && state.anchorSeq === undefined) {
		return state; // Everything fits: nothing to scroll.
	}

	const lastIndex = seqs.length - 1;
	const currentIndex =
		state.anchorSeq === undefined
			? lastIndex
			: anchorIndex(seqs, state.anchorSeq);
	// The bottom line cannot go above the last line of the first page.
	const target = Math.max(Math.min(pageSize - 1, lastIndex), currentIndex + by);
	if (target >= lastIndex) {
		return {...state, anchorSeq: undefined};
	}

	return {...state, anchorSeq: seqs[target]};
}

/** Index of the anchor among the visible seqs, or of the nearest older one still kept. */
export function anchorIndex(
	seqs: readonly number[],
	anchorSeq: number,
): number {
	let low = 0;
	let high = seqs.length - 1;
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (seqs[middle]! <= anchorSeq) {
			found = middle;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}

	return Math.max(0, found);
}
