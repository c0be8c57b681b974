import path from 'node:path';
import {Box, useApp, useInput, type Key} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import {saveMessages} from './core/messages/save.js';
import {type MonitorSnapshot, type MonitorStore} from './core/store.js';
import {DetailView} from './components/detail-view.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpView} from './components/help-view.js';
import {InputLine} from './components/input-line.js';
import {MessagePane} from './components/message-pane.js';
import {SectionRule} from './components/section-rule.js';
import {ServerTable} from './components/server-table.js';
import {useMonitorSnapshot} from './hooks/use-monitor-snapshot.js';
import {useNow} from './hooks/use-now.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {filterMessages, messageWindow} from './view/message-window.js';
import {layoutScreen} from './view/screen-layout.js';
import {parseSubmission} from './view/slash-commands.js';
import {
	initialUiState,
	uiReducer,
	type UiAction,
	type UiState,
} from './view/ui-state.js';

type Props = {
	readonly store: MonitorStore;
	/** The registry path as shown in the header. */
	readonly registryLabel: string;
};

/** The monitor: header, servers, messages, input, footer; one keypress owner for all of it. */
export function App({store, registryLabel}: Props) {
	const snapshot = useMonitorSnapshot(store);
	const {columns, rows} = useTerminalSize();
	const now = useNow();
	const {exit} = useApp();
	const [ui, setUi] = useState<UiState>(initialUiState);
	// Keys that arrive in one tick each see the state the previous one left.
	const uiRef = useRef(ui);
	const apply = useCallback((action: UiAction) => {
		uiRef.current = uiReducer(uiRef.current, action);
		setUi(uiRef.current);
	}, []);

	const layout = layoutScreen(rows, snapshot.servers.length);
	const matching = useMemo(
		() => filterMessages(snapshot.messages, ui.filter),
		[snapshot.messages, ui.filter],
	);
	const labels = useMemo(
		() =>
			new Map(
				snapshot.servers.map((server) => [
					server.id,
					server.entry.name ?? server.id,
				]),
			),
		[snapshot.servers],
	);
	const window = messageWindow(matching, ui.anchorSeq, layout.paneRows);
	const connected = snapshot.servers.filter(
		(server) => server.state.status === 'connected',
	);
	const recipients =
		ui.target === undefined
			? connected.length
			: connected.some((server) => server.id === ui.target)
				? 1
				: 0;
	const overlayRows = layout.tableRows + layout.paneRows + 3;

	const submit = () => {
		const line = uiRef.current.input;
		apply({type: 'submitted', line});
		runSubmission(line, {store, snapshot, ui: uiRef.current, apply, exit});
	};

	useInput((input, key) => {
		handleKey(input, key, {
			ui: uiRef.current,
			apply,
			submit,
			exit,
			snapshot,
			seqs: () => matching.map((message) => message.seq),
			pageSize: layout.paneRows,
			bottomSeq: window.lines.at(-1)?.seq,
		});
	});

	return (
		<Box flexDirection="column" width={columns} height={rows - 1}>
			<Header
				snapshot={snapshot}
				registryLabel={registryLabel}
				width={columns}
			/>
			{ui.overlay === 'help' ? (
				<HelpView width={columns} height={overlayRows} />
			) : ui.overlay === 'detail' ? (
				<DetailView
					message={snapshot.messages.find(
						(message) => message.seq === ui.detailSeq,
					)}
					width={columns}
					height={overlayRows}
				/>
			) : (
				<>
					<ServerTable
						servers={snapshot.servers}
						width={columns}
						height={layout.tableRows}
						selectedId={ui.target}
						now={now}
					/>
					<MessagePane
						lines={window.lines}
						labels={labels}
						width={columns}
						height={layout.paneRows}
						isFollowing={window.following}
						newCount={window.newCount}
						filter={ui.filter}
						dropped={snapshot.messageDropped}
					/>
				</>
			)}
			<SectionRule width={columns} />
			<InputLine
				value={ui.input}
				cursor={ui.cursor}
				target={ui.target}
				recipients={recipients}
				width={columns}
			/>
			{layout.showFooter ? <Footer /> : null}
		</Box>
	);
}

type KeyContext = {
	ui: UiState;
	apply: (action: UiAction) => void;
	/** Submits the line as it is now (after any text inserted by the same key event). */
	submit: () => void;
	exit: () => void;
	snapshot: MonitorSnapshot;
	seqs: () => number[];
	pageSize: number;
	bottomSeq?: number;
};

/** Key bindings, most specific first: overlays, then line editing, then the pane. */
function handleKey(input: string, key: Key, context: KeyContext): void {
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
		if (ui.overlay === 'detail' && (key.upArrow || key.downArrow)) {
			apply({
				type: 'detail-step',
				by: key.upArrow ? -1 : 1,
				seqs: context.seqs(),
			});
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

function lineAction(
	input: string,
	key: Key,
	context: KeyContext,
): UiAction | undefined {
	const {ui} = context;
	if (key.return) {
		context.submit();
		return undefined;
	}

	// Several keys can arrive as one chunk (fast typing, SSH, tmux): take them one by one.
	if (input.length > 1 && /[\t\r\n\u007F\b]/.test(input)) {
		replayChunk(input, context);
		return undefined;
	}

	if (key.tab) {
		return {
			type: 'cycle-target',
			ids: context.snapshot.servers.map((server) => server.id),
			backwards: key.shift,
		};
	}

	if (key.upArrow || key.downArrow) {
		return {type: 'history', direction: key.upArrow ? 'older' : 'newer'};
	}

	if (key.pageUp || key.pageDown) {
		const page = Math.max(1, context.pageSize - 1);
		return {
			type: 'scroll',
			by: key.pageUp ? -page : page,
			seqs: context.seqs(),
			pageSize: context.pageSize,
		};
	}

	if (key.end) {
		return {type: 'follow'};
	}

	if (key.home) {
		return {
			type: 'scroll',
			by: -Number.MAX_SAFE_INTEGER,
			seqs: context.seqs(),
			pageSize: context.pageSize,
		};
	}

	if (key.leftArrow || key.rightArrow) {
		return {type: 'cursor', to: key.leftArrow ? 'left' : 'right'};
	}

	if (key.backspace || key.delete) {
		return {type: 'delete-back'};
	}

	if (key.ctrl) {
		return controlAction(input, context);
	}

	if (key.escape || key.meta) {
		return undefined;
	}

	if (input === '?' && ui.input === '') {
		return {type: 'overlay', overlay: 'help'};
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

function controlAction(
	input: string,
	context: KeyContext,
): UiAction | undefined {
	switch (input) {
		case 'u': {
			return {type: 'clear-line'};
		}

		case 'w': {
			return {type: 'delete-word'};
		}

		case 'a': {
			return {type: 'cursor', to: 'start'};
		}

		case 'e': {
			return {type: 'cursor', to: 'end'};
		}

		case 'o': {
			return context.bottomSeq === undefined
				? undefined
				: {type: 'overlay', overlay: 'detail', detailSeq: context.bottomSeq};
		}

		default: {
			return undefined;
		}
	}
}

/** What Enter does with the line: send it, or run a slash command; answers go to the pane. */
type SubmissionContext = {
	store: MonitorStore;
	snapshot: MonitorSnapshot;
	ui: UiState;
	apply: (action: UiAction) => void;
	exit: () => void;
};

function runSubmission(
	line: string,
	{store, snapshot, ui, apply, exit}: SubmissionContext,
): void {
	const ids = snapshot.servers.map((server) => server.id);
	const submission = parseSubmission(line, ids);
	switch (submission.kind) {
		case 'send': {
			const connected = snapshot.servers.filter(
				(server) => server.state.status === 'connected',
			).length;
			if (ui.target === undefined && connected === 0) {
				store.note(`not sent: nothing is connected (${ids.length} registered)`);
				return;
			}

			void store.send(submission.text, ui.target);
			apply({type: 'follow'});
			return;
		}

		case 'help': {
			apply({type: 'overlay', overlay: 'help'});
			return;
		}

		case 'to': {
			apply({type: 'set-target', target: submission.target});
			store.note(`sending to ${submission.target ?? 'every connected server'}`);
			return;
		}

		case 'filter': {
			apply({type: 'set-filter', filter: submission.filter});
			return;
		}

		case 'clear': {
			store.clearMessages();
			return;
		}

		case 'save': {
			const file = path.resolve(submission.file);
			saveMessages(file, filterMessages(snapshot.messages, ui.filter)).then(
				(count) => {
					store.note(`saved ${count} messages to ${file}`);
				},
				(error: unknown) => {
					store.note(
						`could not save to ${file}: ${error instanceof Error ? error.message : String(error)}`,
					);
				},
			);
			return;
		}

		case 'sub':
		case 'unsub': {
			void (submission.kind === 'sub'
				? store.subscribeTopic(submission.topic)
				: store.unsubscribeTopic(submission.topic));
			return;
		}

		case 'quit': {
			exit();
			return;
		}

		case 'nothing': {
			return;
		}

		case 'error': {
			store.note(submission.message);
			break;
		}
	}
}
