import {type MonitorSnapshot} from '../core/store.js';
import {type KeyEvent, type KeyName} from './key-decoder.js';
import {type UiAction, type UiState} from './ui-state.js';

export type KeyContext = {
	/** The state as the previous key left it (read afresh for every key). */
	ui: () => UiState;
	apply: (action: UiAction) => void;
	/** Submits the line as it is now. */
	submit: () => void;
	exit: () => void;
	/** Ctrl+Z: give the terminal back and stop, as a shell job does. */
	suspend: () => void;
	snapshot: MonitorSnapshot;
	seqs: () => number[];
	pageSize: number;
	bottomSeq?: number;
	/** Help or detail view: how far it can scroll, and the rows one page moves. */
	overlayMaxOffset?: number;
	overlayPage?: number;
};

/**
Every key of one read, in order, each against the state the one before it left: a chunk of keys does
exactly what the same keys typed one by one do.
*/
export function handleKeys(
	events: readonly KeyEvent[],
	context: KeyContext,
): void {
	for (const event of events) {
		handleKey(event, context);
	}
}

/** One key: overlays first, then line editing, then the pane. */
export function handleKey(event: KeyEvent, context: KeyContext): void {
	const {apply} = context;
	if (event.type === 'ctrl' && event.letter === 'c') {
		if (context.ui().input === '') {
			context.exit();
		} else {
			apply({type: 'clear-line'});
		}

		return;
	}

	if (event.type === 'ctrl' && event.letter === 'z') {
		context.suspend();
		return;
	}

	if (event.type === 'text') {
		typeText(event.text, context);
		return;
	}

	if (context.ui().overlay !== 'none' && overlayKey(event, context)) {
		return;
	}

	const action = lineAction(event, context);
	if (action) {
		apply(action);
	}
}

/** Rows a key scrolls the help or detail view by: ↑/↓ a row, PgUp/PgDn a page, Home/End all the way. */
const overlayScrollKeys: Partial<Record<KeyName, (page: number) => number>> = {
	up: () => -1,
	down: () => 1,
	pageUp: (page) => -page,
	pageDown: (page) => page,
	home: () => -Number.MAX_SAFE_INTEGER,
	end: () => Number.MAX_SAFE_INTEGER,
};

/**
A key while help or the detail view is open. Returns true when the overlay used it: scrolling keys
scroll it, ←/→ step the detail view between messages, Esc and Enter close it. Any other key closes
the overlay and then does what it does on the main screen, so nothing typed is lost.
*/
function overlayKey(event: KeyEvent, context: KeyContext): boolean {
	const ui = context.ui();
	if (event.type === 'key') {
		const scroll = overlayScrollKeys[event.name]?.(context.overlayPage ?? 1);
		if (scroll !== undefined) {
			context.apply({
				type: 'overlay-scroll',
				by: scroll,
				maxOffset: context.overlayMaxOffset ?? 0,
			});
			return true;
		}

		if (
			ui.overlay === 'detail' &&
			(event.name === 'left' || event.name === 'right')
		) {
			context.apply({
				type: 'detail-step',
				by: event.name === 'left' ? -1 : 1,
				seqs: context.seqs(),
			});
			return true;
		}
	}

	context.apply({type: 'overlay', overlay: 'none'});
	return (
		event.type === 'key' && (event.name === 'escape' || event.name === 'enter')
	);
}

/**
Printable text, however much came in one read. Only a few characters act as keys: `?` on an empty
line opens help; in an open overlay `q` and `?` close it, and `p`/`n` step the detail view to the
older/newer message; any other text closes the overlay and is inserted.
*/
function typeText(text: string, context: KeyContext): void {
	let rest = text;
	// Each turn consumes at least one character, or closes the overlay (which the next turn sees).
	while (rest !== '') {
		const ui = context.ui();
		if (
			ui.overlay === 'detail' &&
			(rest.startsWith('p') || rest.startsWith('n'))
		) {
			context.apply({
				type: 'detail-step',
				by: rest.startsWith('p') ? -1 : 1,
				seqs: context.seqs(),
			});
			rest = rest.slice(1);
			continue;
		}

		if (ui.overlay !== 'none') {
			context.apply({type: 'overlay', overlay: 'none'});
			if (rest.startsWith('q') || rest.startsWith('?')) {
				rest = rest.slice(1);
			}

			continue;
		}

		if (ui.input === '') {
			if (rest.startsWith('?')) {
				context.apply({type: 'overlay', overlay: 'help'});
				rest = rest.slice(1);
				continue;
			}

			// Up to the next `?`: it opens help only if everything before it was dropped as unprintable.
			const next = rest.indexOf('?');
			const end = next === -1 ? rest.length : next;
			context.apply({type: 'insert', text: rest.slice(0, end)});
			rest = rest.slice(end);
			continue;
		}

		context.apply({type: 'insert', text: rest});
		rest = '';
	}
}

const serverIds = (context: KeyContext) =>
	context.snapshot.servers.map((server) => server.id);

const scrollBy = (context: KeyContext, by: number): UiAction => ({
	type: 'scroll',
	by,
	seqs: context.seqs(),
	pageSize: context.pageSize,
});

const page = (context: KeyContext) => Math.max(1, context.pageSize - 1);

/** What each named key does to the line or the pane. */
const keyBindings: Record<
	KeyName,
	(context: KeyContext, shift: boolean) => UiAction | undefined
> = {
	enter(context) {
		context.submit();
		return undefined;
	},
	tab: (context, shift) => ({
		type: 'cycle-target',
		ids: serverIds(context),
		backwards: shift,
	}),
	up: () => ({type: 'history', direction: 'older'}),
	down: () => ({type: 'history', direction: 'newer'}),
	pageUp: (context) => scrollBy(context, -page(context)),
	pageDown: (context) => scrollBy(context, page(context)),
	end: () => ({type: 'follow'}),
	home: (context) => scrollBy(context, -Number.MAX_SAFE_INTEGER),
	left: () => ({type: 'cursor', to: 'left'}),
	right: () => ({type: 'cursor', to: 'right'}),
	backspace: () => ({type: 'delete-back'}),
	delete: () => ({type: 'delete-forward'}),
	escape: () => undefined,
};

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
	event: Exclude<KeyEvent, {type: 'text'}>,
	context: KeyContext,
): UiAction | undefined {
	switch (event.type) {
		case 'paste': {
			// Pasted text is only ever text: it never sends, never changes the target.
			return {type: 'insert', text: event.text, pasted: true};
		}

		case 'ctrl': {
			return controlBindings[event.letter]?.(context);
		}

		case 'key': {
			return keyBindings[event.name](context, event.shift ?? false);
		}
	}
}
