import {blankScreen, enterScreen, leaveScreen} from './modes.js';

/** What the view needs to suspend the program and to redraw once it is back. */
export type TerminalControl = {
	/** Ctrl+Z: give the terminal back to the shell and stop, as any job does. */
	suspend(): void;
	/** Called after a resume (SIGCONT), once the screen is blank again: draw the whole frame. */
	onResume(listener: () => void): () => void;
};

export type SuspendOptions = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** False once the terminal is gone: nothing is written then. */
	isTerminalAlive: () => boolean;
};

/**
Suspend and resume for the full-screen monitor. Stopping with the terminal as the monitor left it
(alternate screen, raw mode, no wrapping) leaves the shell unusable, and on `fg` the monitor got a
terminal in line mode. So on Ctrl+Z or SIGTSTP the terminal is restored first, then the process
stops itself with SIGSTOP (a handled SIGTSTP does not stop it); on SIGCONT the modes are set again
and the view redraws in full.
*/
export function createSuspender({
	stdin,
	stdout,
	isTerminalAlive,
}: SuspendOptions): TerminalControl & {dispose(): void} {
	const listeners = new Set<() => void>();
	let disposed = false;

	const suspend = () => {
		if (disposed || !isTerminalAlive()) {
			return;
		}

		stdout.write(leaveScreen);
		// Cooked mode as it was at start; libuv also remembers it is no longer raw, so setting raw
		// again on resume really happens (it skips a change to the mode it believes is set).
		stdin.setRawMode(false);
		process.kill(process.pid, 'SIGSTOP');
	};

	const resume = () => {
		if (disposed || !isTerminalAlive()) {
			return;
		}

		// Whatever the shell did to the terminal meanwhile, raw mode is set afresh.
		stdin.setRawMode(false);
		stdin.setRawMode(true);
		stdout.write(enterScreen + blankScreen);
		for (const listener of listeners) {
			listener();
		}
	};

	process.on('SIGTSTP', suspend);
	process.on('SIGCONT', resume);
	return {
		suspend,
		onResume(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		dispose() {
			disposed = true;
			listeners.clear();
			process.off('SIGTSTP', suspend);
			process.off('SIGCONT', resume);
		},
	};
}
