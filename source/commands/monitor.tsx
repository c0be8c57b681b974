import {render} from 'ink';
import {App} from '../app.js';
import {
	openRegistry,
	registryCa,
	registryLabel,
} from '../core/registry/open-registry.js';
import {
	createStoreRecording,
	type RecordOptions,
} from '../core/record/store-recording.js';
import {createMonitorStore, type StoreOptions} from '../core/store.js';
import {createWorkerPool} from '../core/ingest-worker/worker-pool.js';
import {createMemoryMode} from '../memory-settings.js';
import {enterScreen, leaveScreen} from '../terminal/modes.js';
import {releaseLostTerminal} from '../terminal/release-stdio.js';
import {createSuspender} from '../terminal/suspend.js';
import {createAlerts} from '../core/alerts/alerts.js';
import {bell, notificationSequence} from '../core/alerts/notification.js';
import {createSignalPace} from '../core/alerts/signal-pace.js';
import {type TextPattern} from '../core/query/text-pattern.js';
import {alertLine, alertNotification} from '../view/alert-text.js';
import {eventText} from '../view/event-text.js';
import {type TimeMode} from '../view/time-stamps.js';
import {nextRedrawAt} from '../view/next-redraw.js';

export type MonitorOptions = Omit<StoreOptions, 'registry'> &
	RecordOptions & {
		registryPath: string;
		/** Registry entries acted on (`--max-servers`). */
		maxServers?: number;
		/** Messages that raise an alert (`--alert`, the config file's `alert`). */
		alertPatterns?: readonly TextPattern[];
		/** Alerts raise a desktop notification too (`--notify`). */
		notify?: boolean;
		/** The config file's snippets (`/snip`). */
		snippets?: Readonly<Record<string, string>>;
		/** The pane's time stamps at start (the config file's `time`). */
		timeMode?: TimeMode;
	};

/**
The full-screen monitor. The terminal is restored on every way out: Ctrl+C, /quit, SIGTERM, SIGHUP,
and a crash (after which the error is printed on the normal screen); and around a suspend (Ctrl+Z).
*/
export async function runMonitor(options: MonitorOptions): Promise<number> {
	const {stdout} = process;
	const registry = openRegistry(options.registryPath, {
		maxServers: options.maxServers,
		...registryCa(options.tlsCa),
	});
	const recording = createStoreRecording(registry, options);
	// Started before the store, so its first events are recorded; a file that cannot be made is
	// said in the pane, and the monitor goes on without recording.
	const started =
		options.record === undefined
			? undefined
			: await recording.recorder.start({
					file: options.record,
					overwrite: options.recordOverwrite,
				});
	const memoryMode = createMemoryMode();
	const signalPace = createSignalPace({windowMs: 1000, now: Date.now});
	const alerts = createAlerts({
		now: Date.now,
		patterns: options.alertPatterns,
		fired(alert) {
			// After the record that caused it (the store is mid-record here, or still being made).
			queueMicrotask(() => {
				store.note(alertLine(alert), alert.serverId);
			});
			// The line above for every alert; the bell and the notification at most once a second.
			if (!signalPace.admit()) {
				return;
			}

			const {title, body} = alertNotification(alert);
			stdout.write(
				options.notify
					? bell +
							notificationSequence(title, body, {
								tmux: Boolean(process.env.TMUX),
							})
					: bell,
			);
		},
	});
	const store = createMonitorStore({
		...options,
		registry,
		redrawAt: nextRedrawAt,
		describeEvent: eventText,
		onRecord(record) {
			recording.onRecord(record);
			alerts.observe(record);
		},
		onSkipped(count) {
			recording.onSkipped(count);
			// The worker skips frames only under a flood: the heap favours memory until it is over.
			memoryMode.flooding();
		},
		// Sockets are read in a worker thread: the UI thread keeps to drawing and keys.
		createPool: createWorkerPool,
	});
	const detachRecording = recording.attach(store);
	if (started && !started.ok) {
		store.note(started.error);
	}

	let restored = false;
	const restore = () => {
		if (!restored) {
			restored = true;
			stdout.write(leaveScreen);
		}
	};

	let terminalGone = false;
	const suspender = createSuspender({
		stdin: process.stdin,
		stdout,
		isTerminalAlive: () => !terminalGone && !restored,
	});
	stdout.write(enterScreen);
	process.on('exit', restore);
	const instance = render(
		<App
			store={store}
			registryLabel={registryLabel(options.registryPath)}
			terminal={suspender}
			recorder={recording.recorder}
			alerts={alerts}
			snippets={options.snippets}
			timeMode={options.timeMode}
		/>,
		{
			exitOnCtrlC: false,
			// Ink's throttle pushes frames back while updates keep coming; a higher cap keeps keys snappy,
			// and a registry change waits at most 8 ms for it instead of 16 (the store itself publishes
			// at most 20 times a second under a flood, so frames do not multiply).
			maxFps: 120,
			// Keys are decoded here from what terminals send by default (see view/key-decoder.ts); Ink
			// would otherwise switch kitty, WezTerm and ghostty to their own key encoding.
			kittyKeyboard: {mode: 'disabled'},
		},
	);

	let exitCode = 0;
	let crashed = false;
	const stop = () => {
		instance.unmount();
	};

	// SIGHUP: the terminal closed, or at least its owner wants us gone; nothing more is shown.
	const hangUp = () => {
		terminalGone = true;
		stop();
	};

	const crash = (error: unknown) => {
		// One report: a second error while going down is a consequence of the first.
		if (crashed) {
			return;
		}

		crashed = true;
		exitCode = 1;
		instance.unmount();
		restore();
		if (!terminalGone) {
			process.stderr.write(
				`shipyard-tui: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
		}
	};

	// The terminal went away (window closed, SSH dropped): every write fails with EIO. Nothing can be
	// shown any more, so quit without writing another byte. Left to `uncaughtException`, each failed
	// write raised an error whose report failed to write in turn, and the process spun at 100 % CPU.
	const onTerminalError = (error: NodeJS.ErrnoException) => {
		if (isTerminalGone(error)) {
			terminalGone = true;
			restored = true;
			stop();
		} else {
			crash(error);
		}
	};

	const terminalStreams = [process.stdin, stdout, process.stderr];
	for (const stream of terminalStreams) {
		stream.on('error', onTerminalError);
	}

	process.on('SIGTERM', stop);
	process.on('SIGHUP', hangUp);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	try {
		await instance.waitUntilExit();
	} catch (error) {
		crash(error);
	} finally {
		restore();
		process.off('SIGTERM', stop);
		suspender.dispose();
		process.off('uncaughtException', crash);
		process.off('unhandledRejection', crash);
		await store.close();
		memoryMode.close();
		// After the store: its last events (the connections closing) are in the recording too.
		detachRecording();
		await recording.recorder.stop();
		// Node would abort at exit resetting a terminal that is gone.
		releaseLostTerminal();
		// With the terminal gone its listeners stay: a write in flight may still fail, and more SIGHUPs
		// can come (one per hang-up source), one of which would kill the clean-up still to come (the
		// demo's servers and folder).
		if (!terminalGone) {
			process.off('SIGHUP', hangUp);
			for (const stream of terminalStreams) {
				stream.off('error', onTerminalError);
			}
		}
	}

	return exitCode;
}

function isTerminalGone(error: NodeJS.ErrnoException): boolean {
	return ['EIO', 'EPIPE', 'ENXIO', 'EBADF'].includes(error.code ?? '');
}
