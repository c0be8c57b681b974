import {Box, useApp, useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {type MonitorStore} from './core/store.js';
import {DetailView} from './components/detail-view.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpView} from './components/help-view.js';
import {InputLine} from './components/input-line.js';
import {MessagePane} from './components/message-pane.js';
import {SectionRule} from './components/section-rule.js';
import {ServerTable} from './components/server-table.js';
import {useKeys} from './hooks/use-keys.js';
import {useMonitorSnapshot} from './hooks/use-monitor-snapshot.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {filterMessages, messageWindow} from './view/message-window.js';
import {layoutScreen} from './view/screen-layout.js';
import {handleKeys} from './view/key-bindings.js';
import {type TerminalControl} from './terminal/suspend.js';
import {runSubmission} from './view/run-submission.js';
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
	/** Suspend (Ctrl+Z) and the redraw after it; without it Ctrl+Z does nothing. */
	readonly terminal?: TerminalControl;
};

/** The monitor: header, servers, messages, input, footer; one keypress owner for all of it. */
export function App({store, registryLabel, terminal}: Props) {
	const snapshot = useMonitorSnapshot(store);
	const {columns, rows} = useTerminalSize();
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

	useKeys((events) => {
		handleKeys(events, {
			ui: () => uiRef.current,
			apply,
			submit,
			exit,
			suspend() {
				terminal?.suspend();
			},
			snapshot,
			seqs: () => matching.map((message) => message.seq),
			pageSize: layout.paneRows,
			bottomSeq: window.lines.at(-1)?.seq,
		});
	});

	// Back from a suspend the screen is blank: Ink's write() draws its last frame again in full.
	const {write} = useStdout();
	useEffect(
		() =>
			terminal?.onResume(() => {
				write('');
			}),
		[terminal, write],
	);

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
						now={snapshot.now}
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
