import {Box, Text, useApp, useStdout} from 'ink';
import {useEffect, useLayoutEffect, useMemo, useRef} from 'react';
import {type Recorder} from './core/record/recorder.js';
import {type MonitorSnapshot, type MonitorStore} from './core/store.js';
import {AsciiScreen} from './components/ascii-screen.js';
import {DetailView} from './components/detail-view.js';
import {FeedbackLine} from './components/feedback-line.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {type TimeMode} from './view/time-stamps.js';
import {initialUiState} from './view/ui-state.js';
import {AlertsView} from './components/alerts-view.js';
import {type Alerts} from './core/alerts/alerts.js';
import {useAlertsView} from './hooks/use-alerts-view.js';
import {HelpView, rows as helpRows} from './components/help-view.js';
import {InputLine} from './components/input-line.js';
import {MessagePane} from './components/message-pane.js';
import {SectionRule} from './components/section-rule.js';
import {ServerTable} from './components/server-table.js';
import {useFeedback} from './hooks/use-feedback.js';
import {useCommandKeys} from './hooks/use-command-keys.js';
import {useMessageView} from './hooks/use-message-view.js';
import {useMonitorSnapshot} from './hooks/use-monitor-snapshot.js';
import {useRecording} from './hooks/use-recording.js';
import {useServerLabels} from './hooks/use-server-labels.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {detailLines, detailSummary} from './view/detail-text.js';
import {feedbackRows} from './view/feedback.js';
import {glyphs} from './view/glyphs.js';
import {isTooSmall, layoutScreen, minimumSize} from './view/screen-layout.js';
import {scrollWindow} from './view/scroll-window.js';
import {emptyTableNote} from './view/empty-table-note.js';
import {type TerminalControl} from './terminal/suspend.js';
import {type StepContext} from './view/commands/types.js';

type Props = {
	readonly store: MonitorStore;
	/** The registry path as shown in the header. */
	readonly registryLabel: string;
	/** Suspend (Ctrl+Z) and the redraw after it; without it Ctrl+Z does nothing. */
	readonly terminal?: TerminalControl;
	/** `/record` and the header's REC mark; without it `/record` is not available. */
	readonly recorder?: Recorder;
	/** The alert watcher: the header's badge, `/alert`, `/alerts`. */
	readonly alerts?: Alerts;
	/** The config file's snippets, for `/snip`. */
	readonly snippets?: Readonly<Record<string, string>>;
	/** The pane's time stamps at start (the config file's `time`); /time changes them. */
	readonly timeMode?: TimeMode;
};

/** The monitor: header, servers, messages, input, footer; one keypress owner for all of it. */
export function App({
	store,
	registryLabel,
	terminal,
	recorder,
	alerts,
	snippets,
	timeMode,
}: Props) {
	const snapshot = useMonitorSnapshot(store);
	const recording = useRecording(recorder);
	const {columns, rows} = useTerminalSize();
	const {exit} = useApp();
	const [feedback, say] = useFeedback();
	// The screen as last drawn, which keys act on. Read when a key arrives: Ink swaps in the new key
	// handler only after the frame is drawn, and a key can come in between (or in the same read), so
	// the handler must not keep the old limits. A layout effect sets it in the same commit as the
	// frame, before any later key is read.
	const drawn = useRef<
		{snapshot: MonitorSnapshot} & Omit<StepContext, 'servers'>
	>({
		snapshot,
		seqs: [],
		matchSeqs: [],
		pageSize: 1,
		overlayMaxOffset: 0,
		overlayPage: 1,
	});
	const {stdout, write} = useStdout();
	const ui = useCommandKeys(
		() => {
			const {snapshot: shown, ...context} = drawn.current;
			return {
				context: {...context, servers: shown.servers},
				targets: {
					store,
					snapshot: shown,
					recorder,
					exit,
					suspend() {
						terminal?.suspend();
					},
					say,
					writeTerminal(data) {
						stdout.write(data);
					},
					...(alerts ? {alerts} : {}),
					...(snippets ? {snippets} : {}),
				},
			};
		},
		{...initialUiState, timeMode: timeMode ?? initialUiState.timeMode},
	);
	const feedbackLines = feedbackRows(feedback, columns, glyphs.ellipsis);
	const layout = layoutScreen(
		rows,
		snapshot.servers.length,
		feedbackLines.length,
	);
	const labels = useServerLabels(snapshot.servers);
	const view = useMessageView(
		snapshot.messages,
		ui,
		layout.paneRows,
		snapshot.servers,
	);
	const {seqs, matchSeqs} = view;
	const connected = snapshot.servers.filter(
		(server) => server.state.status === 'connected',
	);
	const recipients =
		ui.target === undefined
			? connected.length
			: connected.some((server) => server.id === ui.target)
				? 1
				: 0;
	// Recipients on another machine: the prompt says a send reaches them.
	const remote = connected.filter(
		(server) =>
			server.remote && (ui.target === undefined || server.id === ui.target),
	).length;
	const overlayRows = layout.tableRows + layout.paneRows + 3;
	const detailMessage =
		ui.overlay === 'detail'
			? snapshot.messages.find((message) => message.seq === ui.detailSeq)
			: undefined;
	const detail = useMemo(
		() =>
			detailMessage
				? {
						lines: detailLines(detailMessage, columns, !ui.ansiOff),
						summary: detailSummary(detailMessage, ui.timeMode),
					}
				: undefined,
		[detailMessage, columns, ui.timeMode, ui.ansiOff],
	);
	const alertsView = useAlertsView(alerts, ui.overlay === 'alerts');
	// The overlay's rule takes a row; the rest scrolls (see `scrollWindow`).
	const overlayLength = {
		none: 0,
		help: helpRows.length,
		detail: detail?.lines.length ?? 0,
		alerts: alertsView.rows.length,
	};
	const overlayView = scrollWindow(
		overlayLength[ui.overlay],
		Math.max(1, overlayRows - 1),
		ui.overlayOffset ?? 0,
	);
	const overlayPage = Math.max(1, overlayView.end - overlayView.start - 1);
	const bottomSeq = view.lines.at(-1)?.seq;
	useLayoutEffect(() => {
		drawn.current = {
			snapshot,
			seqs,
			matchSeqs,
			pageSize: layout.paneRows,
			bottomSeq,
			overlayMaxOffset: overlayView.maxOffset,
			overlayPage,
		};
	}, [
		overlayView.maxOffset,
		overlayPage,
		snapshot,
		seqs,
		matchSeqs,
		layout.paneRows,
		bottomSeq,
	]);

	// Back from a suspend the screen is blank: Ink's write() draws its last frame again in full.
	useEffect(
		() =>
			terminal?.onResume(() => {
				write('');
			}),
		[terminal, write],
	);

	if (isTooSmall(columns, rows)) {
		return (
			<AsciiScreen>
				<Box width={columns} height={Math.max(1, rows - 1)}>
					<Text wrap="wrap">
						{`terminal too small: ${columns}x${rows}, need at least ${minimumSize.columns}x${minimumSize.rows} (^C quits)`}
					</Text>
				</Box>
			</AsciiScreen>
		);
	}

	return (
		<AsciiScreen>
			<Box flexDirection="column" width={columns} height={rows - 1}>
				<Header
					snapshot={snapshot}
					registryLabel={registryLabel}
					width={columns}
					recording={recording}
					alertCount={alertsView.unseen}
				/>
				{ui.overlay === 'help' ? (
					<HelpView
						width={columns}
						height={overlayRows}
						offset={overlayView.start}
					/>
				) : ui.overlay === 'alerts' ? (
					<AlertsView
						rows={alertsView.rows}
						width={columns}
						height={overlayRows}
						offset={overlayView.start}
						detail={alertsView.detail}
					/>
				) : ui.overlay === 'detail' ? (
					<DetailView
						lines={detail?.lines}
						summary={detail?.summary ?? ''}
						width={columns}
						height={overlayRows}
						offset={overlayView.start}
						find={ui.find}
					/>
				) : (
					<>
						<ServerTable
							servers={snapshot.servers}
							width={columns}
							height={layout.tableRows}
							selectedId={ui.target}
							now={snapshot.now}
							emptyNote={emptyTableNote(snapshot)}
							sort={ui.sort}
						/>
						<MessagePane
							lines={view.lines}
							labels={labels}
							width={columns}
							height={layout.paneRows}
							isFollowing={view.following}
							newCount={view.newCount}
							filter={ui.filter}
							hidden={view.hidden}
							find={ui.find}
							matchCount={matchSeqs.length}
							matchIndex={view.matchIndex}
							pending={view.pending}
							timeMode={ui.timeMode}
							previousTime={view.previousTime}
							dropped={snapshot.messageDropped}
							isColourShown={!ui.ansiOff}
							show={ui.show}
						/>
					</>
				)}
				<SectionRule width={columns} />
				{feedback && layout.feedbackRows > 0 ? (
					<FeedbackLine
						rows={feedbackLines.slice(0, layout.feedbackRows)}
						tone={feedback.tone}
					/>
				) : null}
				<InputLine
					value={ui.input}
					cursor={ui.cursor}
					target={ui.target}
					recipients={recipients}
					remote={remote}
					width={columns}
				/>
				{layout.showFooter ? <Footer width={columns} /> : null}
			</Box>
		</AsciiScreen>
	);
}
