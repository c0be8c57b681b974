import {type ServerRow} from '../../core/store.js';
import {type Feedback} from '../feedback.js';
import {type MessageFilter, type UiState} from '../ui-state.js';
import {type KeyId} from './keys.js';

/**
What a key or a command asks of the world beyond the screen's state, as plain data: the step decides,
`runEffects` (view/run-effects.ts) is the one place that does. Bubble Tea's `Cmd`, in data.
*/
export type Effect =
	/** Send text to one server, or to every connected one (`to` undefined). */
	| {type: 'send'; text: string; to?: string}
	/** The answer by the prompt; undefined clears it. */
	| {type: 'say'; feedback?: Feedback}
	/** A note in the message pane, kept with the messages. */
	| {type: 'note'; text: string}
	| {type: 'clear-messages'}
	/** Write the kept messages that pass `filter` to `file` (as typed; `~` not yet expanded). */
	| {type: 'save'; file: string; overwrite: boolean; filter?: MessageFilter}
	/**
	Start recording to `file` (as typed; `~` not yet expanded), replacing a regular file with
	`overwrite`; with no file, stop.
	*/
	| {type: 'record'; file?: string; overwrite: boolean}
	/** Put message `seq` on the clipboard (OSC 52): its text, or its JSON pretty-printed. */
	| {type: 'copy'; seq: number; pretty: boolean}
	| {type: 'subscribe'; topic: string}
	| {type: 'unsubscribe'; topic: string}
	| {type: 'exit'}
	/** Ctrl+Z: give the terminal back and stop, as a shell job does. */
	| {type: 'suspend'}
	/** Alert on messages matching `pattern` (already checked to parse). */
	| {type: 'alert-add'; pattern: string}
	/** Stop alerting on `pattern`, or on every pattern. */
	| {type: 'alert-remove'; pattern?: string}
	/** Say which patterns alert. */
	| {type: 'alert-patterns'}
	/** The alert list is being shown: the badge clears. */
	| {type: 'alerts-seen'}
	/** Send snippet `name` to `to` (or every connected server); no name: list the snippets. */
	| {type: 'snip'; name?: string; to?: string};

/** What one key did: the state it leaves and the effects to run, in order. */
export type Step = {state: UiState; effects: Effect[]};

/** What a key may read besides the state: the screen as it was drawn when the key came. */
export type StepContext = {
	servers: readonly ServerRow[];
	/** The seqs of the messages the pane shows (after the filter), oldest first. */
	seqs: readonly number[];
	/** The seqs among `seqs` whose line matches `/find`, oldest first (none without a search). */
	matchSeqs?: readonly number[];
	/** Rows of the message pane. */
	pageSize: number;
	/** The newest message on screen, which Ctrl+O opens. */
	bottomSeq?: number;
	/** Help or detail view: how far it can scroll, and the rows one page moves. */
	overlayMaxOffset: number;
	overlayPage: number;
};

/**
Where a key acts. `anywhere` comes first, then the open overlay's keys (`detail` before `overlay`);
a key no overlay row takes closes the overlay and acts on the main screen (`line`, and
`empty-line` while nothing is typed), so nothing typed is lost.
*/
export type Where = 'anywhere' | 'overlay' | 'detail' | 'line' | 'empty-line';

/** How a row shows in the footer (or, for an overlay's keys, in the overlay's rule). */
export type Hint = {
	/** One word: `send`, `scroll`. */
	label: string;
	/** The keys named in the hint, when not all of the row's keys (`End` of Home/End). */
	keys?: readonly KeyId[];
};

type Row = {
	/** One line for help, `--help` and the readme. */
	description: string;
	/** More for the readme only: what the one line leaves out. */
	details?: string;
	hint?: Hint;
};

/** A key binding: the keys, and what pressing one does. */
export type KeyCommand = Row & {
	keys: readonly KeyId[];
	/** Other keys that do the same, listed after the keys (`q` for Esc in an overlay). */
	aliases?: readonly KeyId[];
	where: Where;
	/** `key` is the one of `keys` or `aliases` pressed; `text` a paste's text ('' for other keys). */
	run: (state: UiState, key: KeyId, context: StepContext, text: string) => Step;
};

/** What a slash command reads from its line. */
export type SlashInput = {
	/** The command as typed, without the slash (`SAVE!`), for messages that quote it. */
	typed: string;
	/** The words after it. */
	words: string[];
	/** The words joined by one space. */
	rest: string;
	/** Everything after the command as typed, spaces kept, trimmed. */
	raw: string;
};

/** A slash command typed on the line and run by Enter. */
export type SlashCommand = Row & {
	/** The name without its slash, lower case. */
	slash: string;
	/** Other names for it (`q` and `exit` for `quit`). */
	aliases?: readonly string[];
	/** What follows the name: `<file>`. */
	usage?: string;
	run: (state: UiState, input: SlashInput, context: StepContext) => Step;
};

export type Command = KeyCommand | SlashCommand;
