import fs from 'node:fs';
import tty from 'node:tty';

// Which of stdin, stdout and stderr were terminals at start, as Node itself recorded them.
const terminalFds = [0, 1, 2].filter((fd) => tty.isatty(fd));

/**
Points the standard streams whose terminal is gone at /dev/null; a terminal still there is left alone.

When the terminal goes away (window or tmux pane closed, SSH dropped), Node 20's exit still resets
each standard stream that was a terminal with tcsetattr, gets EIO, and aborts on an assertion
(`Assertion failed … ResetStdio()`, exit 134, a core dump where those are on; nodejs/node#51519,
fixed in later Node versions). Node skips streams whose file was replaced since start, so each such
fd is closed and /dev/null opened in its place: open() takes the lowest free number, which is that
fd. A hung-up terminal no longer answers isatty(), which tells the two cases apart. Call it only when
nothing more is to be shown.
*/
export function releaseLostTerminal(): void {
	for (const fd of terminalFds) {
		if (tty.isatty(fd)) {
			continue;
		}

		try {
			fs.closeSync(fd);
			const replacement = fs.openSync('/dev/null', fd === 0 ? 'r' : 'w');
			if (replacement !== fd) {
				// Another number was free first: a closed fd is skipped by Node as well.
				fs.closeSync(replacement);
			}
		} catch {
			// Best effort: the worst outcome is Node's own abort at exit, as before.
		}
	}
}
