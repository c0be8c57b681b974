/**
End-to-end harness: runs a program (by default the built CLI, `dist/cli.js`) in a real
pseudo-terminal with node-pty and feeds everything it writes into a headless xterm, so tests assert
on the screen a person would see, the window title, the alternate screen and the cursor, and on what
the terminal itself answered back to the program.
*/
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
// @xterm/headless is CommonJS without named exports Node can detect, so take the default export.
import xterm, {type IDisposable} from '@xterm/headless';
import {spawn, type IPty} from 'node-pty';

const {Terminal: Emulator} = xterm;

export const cliPath = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../dist/cli.js',
);

/** Keystrokes as a terminal sends them (normal cursor-key mode). */
export const keys = {
	enter: '\r',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	tab: '\t',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	escape: '\u001B',
} as const;

export type TerminalOptions = {
	/** Columns of the pty and the emulator. Default 100. */
	cols?: number;
	/** Rows of the pty and the emulator. Default 30. */
	rows?: number;
	/**
	Added on top of the environment a person's shell gives: `process.env` with `TERM=xterm-256color`
	and without the variables a test runner or CI adds that change what a program draws (`COLUMNS`,
	`LINES`, `FORCE_COLOR`, `NO_COLOR`, `CI`, `CONTINUOUS_INTEGRATION`).
	*/
	env?: Record<string, string>;
	/** Working directory. Default `process.cwd()`. */
	cwd?: string;
	/** Program to run with the arguments as given. Default: node running `dist/cli.js` before the arguments. */
	command?: string;
};

export type WaitOptions = {
	/** Give up after this long. Default 5000 ms. */
	timeoutMs?: number;
};

export type Exit = {
	/** The exit status; 0 when the process was killed by a signal. */
	exitCode: number;
	/** The number of the signal that killed the process, or 0. */
	signal: number;
};

export type Terminal = {
	/** The program's process id. */
	readonly pid: number;
	/** The visible screen as one string per row (trailing spaces trimmed), as parsed so far. */
	screen(): string[];
	/** `screen()` joined with newlines. */
	screenText(): string;
	/** Resolves once the emulator has parsed everything the program wrote so far. */
	flush(): Promise<void>;
	/**
	Waits until the settled screen (rows joined with newlines, so text wrapped across rows does not
	match a string) contains `pattern`. Throws with the last screen on timeout, or at once if the
	program has exited without showing it.
	*/
	waitForText(pattern: string | RegExp, options?: WaitOptions): Promise<string>;
	/**
	Waits until `predicate(screenText())` holds on a settled screen; throws like `waitForText`. Both
	resolve to that screen: judge what else it shows on it, not on a later read, which may catch the
	next frame half drawn.
	*/
	waitFor(
		predicate: (screen: string) => boolean,
		options?: WaitOptions & {what?: string},
	): Promise<string>;
	/** Types raw keystrokes (see `keys`). */
	write(data: string): void;
	/** Resizes the emulator, then the pty (which sends SIGWINCH to the program). */
	resize(cols: number, rows: number): void;
	/** Everything the program ever wrote to the terminal, raw. */
	rawOutput(): string;
	/** The window title as last set with OSC 0 or OSC 2 ('' until then). */
	title(): string;
	/** Every title the program set, in order: `[]` proves the title was never touched. */
	titles(): string[];
	/** How the cell at `column`, `row` (both from 0, on the visible screen) is drawn, as parsed so far. */
	cell(column: number, row: number): CellStyle | undefined;
	/** Whether the alternate screen buffer is active. */
	isAlternateScreen(): boolean;
	/** Whether the cursor is shown (DECTCEM), as parsed so far. */
	isCursorVisible(): boolean;
	/** What the emulator answered to the program (cursor reports, device attributes…), all of it forwarded to its stdin. */
	repliesToProgram(): string;
	/** Resolves once the program has exited and its output is parsed; rejects after `timeoutMs` (default 10000). */
	exit(options?: WaitOptions): Promise<Exit>;
	/** Like `exit()`, but one number: the exit status, or 128 + the signal number when a signal killed it. */
	exitCode(options?: WaitOptions): Promise<number>;
	/** Sends a signal to the program (default SIGTERM). Does nothing once it has exited. */
	kill(signal?: string): void;
	/**
	Closes the terminal under the program, as closing its window or losing SSH does: the pty's master
	side goes away (the program's writes fail with EIO from then on), then the program gets SIGHUP.
	Nothing it writes afterwards is seen.
	*/
	hangUp(): void;
	/** Kills the program if it still runs (SIGKILL) and disposes the emulator. Safe to call twice. */
	dispose(): void;
};

const pollIntervalMs = 20;

/** Set by test runners and CI, never by a person's terminal; each changes what a program draws. */
const notAUsersEnvironment = new Set([
	'COLUMNS',
	'LINES',
	'FORCE_COLOR',
	'NO_COLOR',
	'CI',
	'CONTINUOUS_INTEGRATION',
]);

/** How one cell of the screen is drawn. */
export type CellStyle = {
	/** The character in the cell ('' for the right half of a wide character). */
	text: string;
	/** The foreground colour: the terminal's default, one of the 256 palette colours, or RGB. */
	foreground: 'default' | 'palette' | 'rgb';
	/** The foreground's palette index (0–255) or packed RGB; 0 for the default. */
	foregroundColor: number;
	bold: boolean;
	dim: boolean;
	inverse: boolean;
};

/** Starts `dist/cli.js` (or `options.command`) in a pseudo-terminal with a headless xterm attached. */
export function startTerminal(
	arguments_: string[],
	options: TerminalOptions = {},
): Terminal {
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 30;
	const command = options.command ?? process.execPath;
	if (options.command === undefined && !existsSync(cliPath)) {
		throw new Error(`${cliPath} does not exist: run \`npm run build\` first`);
	}

	const environment: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && !notAUsersEnvironment.has(name)) {
			environment[name] = value;
		}
	}

	environment.TERM = 'xterm-256color';
	Object.assign(environment, options.env);

	const emulator = new Emulator({cols, rows, allowProposedApi: true});
	const pty = spawn(
		command,
		options.command === undefined ? [cliPath, ...arguments_] : arguments_,
		{
			name: environment.TERM,
			cols,
			rows,
			cwd: options.cwd ?? process.cwd(),
			env: environment,
		},
	);

	keepLastOutput(pty);

	let raw = '';
	let replies = '';
	let title = '';
	const titles: string[] = [];
	// DECTCEM is not in xterm's public `modes`; its private `_core.coreService.isCursorHidden` is.
	// Rather than reach into internals, watch the sequences through public parser hooks, which run
	// in order with everything else the emulator parses. Returning false lets xterm handle them too.
	let cursorVisible = true;
	let exitInfo: Exit | undefined;
	let disposed = false;

	const trackCursor =
		(set: boolean) => (parameters: Array<number | number[]>) => {
			if (parameters.includes(25)) {
				cursorVisible = set;
			}

			return false;
		};

	const showCursor = () => {
		cursorVisible = true;
		return false;
	};

	const subscriptions: IDisposable[] = [
		emulator.parser.registerCsiHandler(
			{prefix: '?', final: 'h'},
			trackCursor(true),
		),
		emulator.parser.registerCsiHandler(
			{prefix: '?', final: 'l'},
			trackCursor(false),
		),
		// Full reset (RIS) and soft reset (DECSTR) show the cursor again.
		emulator.parser.registerEscHandler({final: 'c'}, showCursor),
		emulator.parser.registerCsiHandler(
			{intermediates: '!', final: 'p'},
			showCursor,
		),
		emulator.onTitleChange((newTitle) => {
			title = newTitle;
			titles.push(newTitle);
		}),
		// Like a real terminal, answers to queries (ESC[6n, ESC[c …) go to the program's stdin.
		emulator.onData((data) => {
			replies += data;
			if (exitInfo === undefined) {
				pty.write(data);
			}
		}),
		pty.onData((data) => {
			raw += data;
			if (!disposed) {
				emulator.write(data);
			}
		}),
	];

	const flush = async () =>
		new Promise<void>((resolve) => {
			if (disposed) {
				resolve();
			} else {
				// Writes are parsed in order, so this callback runs after every earlier chunk.
				emulator.write('', resolve);
			}
		});

	// Node-pty reports the exit only after the pty's output stream closed (see keepLastOutput), so
	// all output is in.
	// Kept through dispose(), so `exit()` still answers after it.
	const exited = new Promise<Exit>((resolve) => {
		pty.onExit(({exitCode, signal}) => {
			const info = {exitCode, signal: signal ?? 0};
			exitInfo = info;
			void flush().then(() => {
				resolve(info);
			});
		});
	});

	const screen = () => {
		const buffer = emulator.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < emulator.rows; row++) {
			lines.push(
				buffer.getLine(buffer.baseY + row)?.translateToString(true) ?? '',
			);
		}

		return lines;
	};

	const showScreen = () =>
		`screen (${emulator.cols}×${emulator.rows}):\n${screen()
			.map((line) => `│${line}`)
			.join('\n')}`;

	const describeExit = (info: Exit) =>
		info.signal === 0
			? `exited with code ${info.exitCode}`
			: `was killed by signal ${info.signal}`;

	const waitFor: Terminal['waitFor'] = async (predicate, waitOptions = {}) => {
		const timeoutMs = waitOptions.timeoutMs ?? 5000;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			// Read the exit state before flushing: once it is set, the flushed screen is final.
			const exitBefore = exitInfo;
			// eslint-disable-next-line no-await-in-loop
			await flush();
			const text = screen().join('\n');
			if (predicate(text)) {
				return text;
			}

			const gaveUp = exitBefore === undefined ? Date.now() > deadline : true;
			if (gaveUp) {
				const why =
					exitBefore === undefined
						? `timed out after ${timeoutMs} ms`
						: `gave up: the program ${describeExit(exitBefore)}`;
				throw new Error(
					`${why} waiting for ${waitOptions.what ?? 'the screen to match'}; ${showScreen()}`,
				);
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise((resolve) => {
				setTimeout(resolve, pollIntervalMs);
			});
		}
	};

	const exit = async (waitOptions: WaitOptions = {}) => {
		const timeoutMs = waitOptions.timeoutMs ?? 10_000;
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_resolve, reject) => {
			timer = setTimeout(() => {
				reject(
					new Error(
						`the program did not exit within ${timeoutMs} ms; ${showScreen()}`,
					),
				);
			}, timeoutMs);
		});
		try {
			return await Promise.race([exited, timeout]);
		} finally {
			clearTimeout(timer);
		}
	};

	return {
		screen,
		screenText: () => screen().join('\n'),
		flush,
		async waitForText(pattern, waitOptions = {}) {
			const matches =
				typeof pattern === 'string'
					? (text: string) => text.includes(pattern)
					: (text: string) => {
							pattern.lastIndex = 0;
							return pattern.test(text);
						};

			return waitFor(matches, {...waitOptions, what: String(pattern)});
		},
		waitFor,
		write(data) {
			if (exitInfo !== undefined) {
				throw new Error(
					`cannot type ${JSON.stringify(data)}: the program ${describeExit(exitInfo)}`,
				);
			}

			pty.write(data);
		},
		resize(newCols, newRows) {
			if (exitInfo !== undefined) {
				throw new Error(`cannot resize: the program ${describeExit(exitInfo)}`);
			}

			// The emulator first, so the program's redraw after SIGWINCH lands on the new size.
			emulator.resize(newCols, newRows);
			pty.resize(newCols, newRows);
		},
		rawOutput: () => raw,
		title: () => title,
		titles: () => [...titles],
		cell(column, row) {
			const buffer = emulator.buffer.active;
			const cell = buffer.getLine(buffer.baseY + row)?.getCell(column);
			if (cell === undefined) {
				return undefined;
			}

			return {
				text: cell.getChars(),
				foreground: cell.isFgDefault()
					? 'default'
					: cell.isFgRGB()
						? 'rgb'
						: 'palette',
				foregroundColor: cell.getFgColor(),
				bold: cell.isBold() !== 0,
				dim: cell.isDim() !== 0,
				inverse: cell.isInverse() !== 0,
			};
		},
		isAlternateScreen: () => emulator.buffer.active.type === 'alternate',
		isCursorVisible: () => cursorVisible,
		repliesToProgram: () => replies,
		exit,
		async exitCode(waitOptions) {
			const info = await exit(waitOptions);
			return info.signal === 0 ? info.exitCode : 128 + info.signal;
		},
		kill(signal = 'SIGTERM') {
			if (exitInfo === undefined) {
				pty.kill(signal);
			}
		},
		pid: pty.pid,
		hangUp() {
			// `destroy()` is node-pty's own way to close a terminal (UnixTerminal), not in its typings.
			(pty as unknown as {destroy(): void}).destroy();
		},
		dispose() {
			if (disposed) {
				return;
			}

			if (exitInfo === undefined) {
				pty.kill('SIGKILL');
			}

			disposed = true;
			for (const subscription of subscriptions) {
				subscription.dispose();
			}

			emulator.dispose();
		},
	};
}

/**
Node-pty (Linux) reports a child's exit once the pty's stream has closed, which it does by itself
after the last read; but 200 ms after the exit it destroys the stream anyway (a macOS workaround).
On a loaded machine that timer can run before the last read (timers come before I/O in the event
loop), and the final output, such as the sequences that restore the screen, is lost
(microsoft/node-pty#72). The forced destroy is put off to 5 s, so the natural close wins; the
stream still ends if it never closes by itself.
*/
function keepLastOutput(pty: IPty): void {
	const inside = pty as unknown as {
		_socket?: {destroy(): unknown};
		/** Set by node-pty once the child has exited and it waits for the stream to close. */
		_boundClose?: boolean;
	};
	const socket = inside._socket;
	if (socket === undefined) {
		return;
	}

	const destroy = socket.destroy.bind(socket);
	socket.destroy = () => {
		// Only the timer after the exit is put off; a destroy while the child runs goes at once.
		if (inside._boundClose === true) {
			setTimeout(() => {
				destroy();
			}, 5000).unref();
		} else {
			destroy();
		}

		return socket;
	};
}
