import {type Key} from 'ink';
import {type MonitorSnapshot} from '../core/store.js';
import {type UiAction, type UiState} from './ui-state.js';

export type KeyContext = {
	ui: UiState;
	apply: (action: UiAction) => void;
	/** Submits the line as it is now (after any text inserted by the same key event). */
	submit: () => void;
	exit: () => void;
	snapshot: MonitorSnapshot;
	seqs: () => number[];
	pageSize: number;
	bottomSeq?: number;
	/** Help or detail view: how far it can scroll, and the rows one page moves. */
	overlayMaxOffset?: number;
	overlayPage?: number;
};

/** Key bindings, most specific first: overlays, then line editing, then the pane. */
export function handleKey(input: string, key: Key, context: KeyContext): void {
	const {ui, apply} = context;
	if (key.ctrl && input === 'c') {
		if (ui.input === '') {
			context.exit();
		} else {
			apply({type: 'clear-line'});
		}

		return;
	}

	if (ui.overlay !== 'none') {
		const scroll = overlayScroll(key, context.overlayPage ?? 1);
		const step = ui.overlay === 'detail' ? detailStep(input, key) : undefined;
		if (scroll !== undefined) {
			apply({
				type: 'overlay-scroll',
				by: scroll,
				maxOffset: context.overlayMaxOffset ?? 0,
			});
		} else if (step !== undefined) {
			apply({type: 'detail-step', by: step, seqs: context.seqs()});
		} else if (
			key.escape ||
			key.return ||
			input === 'q' ||
			ui.overlay === 'help'
		) {
			apply({type: 'overlay', overlay: 'none'});
		}

		return;
	}

	const action = lineAction(input, key, context);
	if (action) {
		apply(action);
	}
}

/** Rows a key scrolls the help or detail view by: ↑/↓ a row, PgUp/PgDn a page, Home/End all the way. */
function overlayScroll(key: Key, page: number): number | undefined {
	if (key.upArrow || key.downArrow) {
		return key.upArrow ? -1 : 1;
	}

	if (key.pageUp || key.pageDown) {
		return key.pageUp ? -page : page;
	}

	if (key.home || key.end) {
		return key.home ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
	}

	return undefined;
}

/** The detail view's step to the older (←, p) or newer (→, n) message. */
function detailStep(input: string, key: Key): number | undefined {
	if (key.leftArrow || input === 'p') {
		return -1;
	}

	return key.rightArrow || input === 'n' ? 1 : undefined;
}

/** A key and what it does to the line or the pane; the first binding that matches wins. */
type Binding = {
	matches: (key: Key, input: string, context: KeyContext) => boolean;
	action: (context: KeyContext, key: Key) => UiAction | undefined;
};

const serverIds = (context: KeyContext) =>
	context.snapshot.servers.map((server) => server.id);

const scrollBy = (context: KeyContext, by: number): UiAction => ({
	type: 'scroll',
	by,
	seqs: context.seqs(),
	pageSize: context.pageSize,
});

const page = (context: KeyContext) => Math.max(1, context.pageSize - 1);

const lineBindings: Binding[] = [
	{
		matches: (key) => key.return,
		action(context) {
			context.submit();
			return undefined;
		},
	},

	{
		matches: (key) => key.tab,
		action: (context, key) => ({
			type: 'cycle-target',
			ids: serverIds(context),
			backwards: key.shift,
		}),
	},
	{
		matches: (key) => key.upArrow,
		action: () => ({type: 'history', direction: 'older'}),
	},
	{
		matches: (key) => key.downArrow,
		action: () => ({type: 'history', direction: 'newer'}),
	},
	{
		matches: (key) => key.pageUp,
		action: (context) => scrollBy(context, -page(context)),
	},
	{
		matches: (key) => key.pageDown,
		action: (context) => scrollBy(context, page(context)),
	},
	{matches: (key) => key.end, action: () => ({type: 'follow'})},
	{
		matches: (key) => key.home,
		action: (context) => scrollBy(context, -Number.MAX_SAFE_INTEGER),
	},
	{
		matches: (key) => key.leftArrow,
		action: () => ({type: 'cursor', to: 'left'}),
	},
	{
		matches: (key) => key.rightArrow,
		action: () => ({type: 'cursor', to: 'right'}),
	},
	// Ink reports the usual Backspace (DEL, 0x7f) as "delete".
	{
		matches: (key) => key.backspace || key.delete,
		action: () => ({type: 'delete-back'}),
	},
	{matches: (key) => key.escape || key.meta, action: () => undefined},
	{
		matches: (_key, input, context) => input === '?' && context.ui.input === '',
		action: () => ({type: 'overlay', overlay: 'help'}),
	},
];

const controlBindings: Record<
	string,
	(context: KeyContext) => UiAction | undefined
> = {
	u: () => ({type: 'clear-line'}),
	w: () => ({type: 'delete-word'}),
	a: () => ({type: 'cursor', to: 'start'}),
	e: () => ({type: 'cursor', to: 'end'}),
	o: (context) =>
		context.bottomSeq === undefined
			? undefined
			: {type: 'overlay', overlay: 'detail', detailSeq: context.bottomSeq},
};

function lineAction(
	input: string,
	key: Key,
	context: KeyContext,
): UiAction | undefined {
	if (input.length > 1 && /[\t\r\n\u007F\b]/.test(input) && !key.return) {
		replayChunk(input, context);
		return undefined;
	}

	if (key.ctrl && !key.return) {
		return controlBindings[input]?.(context);
	}

	const binding = lineBindings.find((candidate) =>
		candidate.matches(key, input, context),
	);
	if (binding) {
		return binding.action(context, key);
	}

	return input === '' ? undefined : {type: 'insert', text: input};
}

/**
Text with Tab, Enter or Backspace inside it, as one chunk. A line break at the very end is Enter;
line breaks inside pasted text become spaces rather than sending each line on its own.
*/
function replayChunk(chunk: string, context: KeyContext): void {
	const characters = [...chunk];
	let text = '';
	const flush = () => {
		if (text !== '') {
			context.apply({type: 'insert', text});
			text = '';
		}
	};

	for (const [index, character] of characters.entries()) {
		const atEnd = characters
			.slice(index)
			.every((rest) => rest === '\r' || rest === '\n');
		switch (character) {
			case '\t': {
				flush();
				context.apply({
					type: 'cycle-target',
					ids: context.snapshot.servers.map((server) => server.id),
				});

				break;
			}

			case '\u007F':
			case '\b': {
				flush();
				context.apply({type: 'delete-back'});

				break;
			}

			case '\r':
			case '\n': {
				if (atEnd) {
					flush();
					context.submit();
					return;
				}

				text += ' ';

				break;
			}

			default: {
				text += character;
			}
		}
	}

	flush();
}
