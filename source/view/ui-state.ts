import {type MessageFilter} from '../core/query/filter.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {
	browseHistory,
	deleteBack,
	deleteForward,
	insert,
	moveCursor,
} from './line-editing.js';
import {scroll} from './pane-scroll.js';
import {type MessageShow} from './record-show.js';
import {type SortOrder} from './table-sort.js';
import {type TimeMode} from './time-stamps.js';

export {cleanInput, cleanPaste} from './line-text.js';
export {anchorIndex} from './pane-scroll.js';

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
	/** `/filter`: only the messages that pass it show; undefined shows all. */
	filter?: MessageFilter;
	/** `/find`: matches are highlighted, nothing is hidden. */
	find?: TextPattern;
	/** The match Ctrl+N / Ctrl+P last jumped to. */
	findSeq?: number;
	/** How lines are stamped (`/time`); held until the monitor exits. */
	timeMode: TimeMode;
	/** `/ansi off`: servers' SGR colours show as escaped text instead of colour. */
	ansiOff?: boolean;
	/** `/sort`: the server table's order; undefined is registry order. */
	sort?: SortOrder;
	/** `/show`: JSON messages (of one server, or all) show the query's projection instead. */
	show?: MessageShow;
	overlay: Overlay;
	/** Detail view: the seq of the message shown. */
	detailSeq?: number;
	/** Help or detail view: rows scrolled past at the top; back to 0 when another one opens. */
	overlayOffset?: number;
};

export {type MessageFilter} from '../core/query/filter.js';

export type Overlay = 'none' | 'help' | 'detail' | 'alerts';

export const initialUiState: UiState = {
	input: '',
	cursor: 0,
	history: [],
	draft: '',
	timeMode: 'clock',
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
	| {type: 'set-filter'; filter?: MessageFilter}
	/** Start a search (or end it: undefined); no match is current yet. */
	| {type: 'set-find'; pattern?: TextPattern}
	/** Make match `seq` current and scroll it into the middle of the pane, pausing there. */
	| {type: 'find-jump'; seq: number; seqs: readonly number[]; pageSize: number}
	| {type: 'set-time-mode'; mode: TimeMode}
	/** How things are shown (`/ansi`, `/sort`, `/show`): the fields given replace the state's. */
	| {
			type: 'set-view';
			changes: Partial<Pick<UiState, 'ansiOff' | 'sort' | 'show'>>;
	  }
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
			return deleteBack(state);
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

		case 'set-find': {
			return {...state, find: action.pattern, findSeq: undefined};
		}

		case 'find-jump': {
			return {
				...state,
				findSeq: action.seq,
				anchorSeq: centredAnchor(action.seq, action.seqs, action.pageSize),
			};
		}

		case 'set-time-mode': {
			return {...state, timeMode: action.mode};
		}

		case 'set-view': {
			return {...state, ...action.changes};
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

/** The bottom line that puts `seq` in the middle of a pane of `pageSize` rows (or as low as it goes). */
function centredAnchor(
	seq: number,
	seqs: readonly number[],
	pageSize: number,
): number {
	const index = seqs.indexOf(seq);
	if (index === -1) {
		return seq;
	}

	return seqs[Math.min(seqs.length - 1, index + Math.floor(pageSize / 2))]!;
}
