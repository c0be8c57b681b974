/**
The TUI under test in a pseudo-terminal (node-pty), its output parsed by a headless xterm: what the
bench reads is the screen a person would see. A lean cousin of `test/helpers/terminal.ts`, built for
timing: a condition is checked after every chunk the emulator parses and on a short timer, so the
moment something appears is known to a few milliseconds.
*/
import xterm from '@xterm/headless';
import {spawn} from 'node-pty';

const {Terminal: Emulator} = xterm;

/** Ink wraps each frame in synchronized-output marks (BSU … ESU) on a TTY: one ESU, one frame. */
const endOfFrame = '\u001B[?2026l';

/** The environment a person's shell would give the TUI: no CI markers (Ink drops synchronized output in CI), no forced sizes. */
function terminalEnvironment(extra) {
	const environment = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (
			value === undefined ||
			['COLUMNS', 'LINES', 'FORCE_COLOR', 'NODE_ENV', 'CI'].includes(name) ||
			name.startsWith('CI_') ||
			name === 'CONTINUOUS_INTEGRATION'
		) {
			continue;
		}

		environment[name] = value;
	}

	environment.TERM = 'xterm-256color';
	return {...environment, ...extra};
}

/**
@param {object} options
@param {string[]} options.args Arguments after `node`.
@param {number} options.cols
@param {number} options.rows
@param {number} [options.pollMs] How often waiting conditions are checked besides after each chunk.
@param {string} [options.command] The program [node]; `args` follow it.
@param {boolean} [options.emulate] Parse the output into a screen [true]; false for a program whose
output is only counted (`onData`), so the emulator's speed is not what is measured.
@param {(data: string) => void} [options.onData] Sees every chunk of output.
*/
export function startTerminal({
	args,
	cols,
	rows,
	pollMs = 3,
	env = {},
	cwd,
	command = process.execPath,
	emulate = true,
	onData,
}) {
	const emulator = new Emulator({cols, rows, allowProposedApi: true});
	const startedAt = performance.now();
	const pty = spawn(command, args, {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: cwd ?? process.cwd(),
		env: terminalEnvironment(env),
	});
	let frames = 0;
	let bytes = 0;
	let tail = '';
	let exitInfo;
	let disposed = false;
	/** Conditions being waited for: {test, resolve, timer}. */
	const waiters = new Set();

	const check = () => {
		for (const waiter of waiters) {
			if (waiter.test()) {
				waiter.finish(true);
			}
		}
	};

	let poller;
	const ensurePoller = () => {
		if (poller === undefined && waiters.size > 0) {
			poller = setInterval(() => {
				if (waiters.size === 0) {
					clearInterval(poller);
					poller = undefined;
					return;
				}

				check();
			}, pollMs);
		}
	};

	emulator.onData((data) => {
		// Answers to the program's queries (cursor position, device attributes) go back to it.
		if (exitInfo === undefined && !disposed) {
			pty.write(data);
		}
	});
	pty.onData((data) => {
		bytes += data.length;
		const scan = tail + data;
		let at = scan.indexOf(endOfFrame);
		while (at !== -1) {
			frames++;
			at = scan.indexOf(endOfFrame, at + endOfFrame.length);
		}

		tail = scan.slice(-(endOfFrame.length - 1));
		onData?.(data);
		if (!disposed && emulate) {
			emulator.write(data, check);
		}
	});
	const exited = new Promise((resolve) => {
		pty.onExit(({exitCode, signal}) => {
			exitInfo = {exitCode, signal: signal ?? 0};
			resolve(exitInfo);
		});
	});

	const line = (row) => {
		const buffer = emulator.buffer.active;
		return buffer.getLine(buffer.baseY + row)?.translateToString(true) ?? '';
	};

	const screen = () => {
		const lines = [];
		for (let row = 0; row < emulator.rows; row++) {
			lines.push(line(row));
		}

		return lines;
	};

	const flush = async () =>
		new Promise((resolve) => {
			if (disposed) {
				resolve();
			} else {
				emulator.write('', resolve);
			}
		});

	/**
	Resolves with `{ok, at}` once `test()` holds (`at`: performance.now() when it was seen), or
	`{ok: false}` after `timeoutMs`.
	*/
	const waitUntil = async (test, timeoutMs) =>
		new Promise((resolve) => {
			if (test()) {
				resolve({ok: true, at: performance.now()});
				return;
			}

			const waiter = {
				test,
				finish(ok) {
					const at = performance.now();
					clearTimeout(waiter.timer);
					waiters.delete(waiter);
					resolve({ok, at});
				},
			};
			waiter.timer = setTimeout(() => {
				waiter.finish(false);
			}, timeoutMs);
			waiters.add(waiter);
			ensurePoller();
		});

	return {
		pid: pty.pid,
		startedAt,
		screen,
		line,
		text: () => screen().join('\n'),
		flush,
		waitUntil,
		frames: () => frames,
		bytes: () => bytes,
		write(data) {
			if (exitInfo === undefined) {
				pty.write(data);
			}
		},
		exitInfo: () => exitInfo,
		exited,
		/** SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves once it has exited. */
		async stop(graceMs = 3000) {
			if (exitInfo === undefined) {
				pty.kill('SIGTERM');
				const timer = setTimeout(() => {
					if (exitInfo === undefined) {
						pty.kill('SIGKILL');
					}
				}, graceMs);
				await exited;
				clearTimeout(timer);
			}

			return exitInfo;
		},
		/** Kills at once (error paths) and releases the emulator. */
		dispose() {
			if (exitInfo === undefined) {
				try {
					pty.kill('SIGKILL');
				} catch {
					// Already gone.
				}
			}

			if (!disposed) {
				disposed = true;
				for (const waiter of waiters) {
					waiter.finish(false);
				}

				clearInterval(poller);
				emulator.dispose();
			}
		},
	};
}
