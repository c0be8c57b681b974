/**
Reading the TUI's emulated screen (terminal.mjs) and timing what a person does to it: the input line,
the pane rule's record counter, the header's server counts, and keystroke → screen probes. Shared by
the bench's phases (run.mjs, many-quiet.mjs, side-by-side.mjs).
*/
import {sleep} from './lib.mjs';

/** The text after the input line's prompt (`[all · N] › `), or undefined if it is not on screen. */
export function inputText(term, rows) {
	for (let row = rows - 1; row >= Math.max(0, rows - 5); row--) {
		const line = term.line(row);
		const at = line.indexOf('] › ');
		if (at !== -1) {
			return line.slice(at + 4);
		}
	}

	return undefined;
}

/** The pane rule's "N older dropped" (0 when not shown), or undefined if the pane is not on screen. */
export function droppedOnScreen(term, rows) {
	for (let row = 0; row < rows; row++) {
		const line = term.line(row);
		if (line.startsWith('─ messages')) {
			const match = /(\d+) older dropped/.exec(line);
			return match ? Number(match[1]) : 0;
		}
	}

	return undefined;
}

/** Server counts by status from the header line, e.g. {servers: 60, connected: 58, reconnecting: 2}. */
export function headerCounts(term) {
	const line = term.line(0);
	const counts = {};
	const total = /(\d+) servers?/.exec(line);
	if (total) {
		counts.servers = Number(total[1]);
	}

	for (const match of line.matchAll(
		/(\d+) (connected|connecting|reconnecting|rejected|unreachable|stale)/g,
	)) {
		counts[match[2]] = Number(match[1]);
	}

	return counts;
}

/** A test for `term.waitUntil`: the header says `count` servers, all of them connected. */
export const isConnected = (term, count) => () => {
	const counts = headerCounts(term);
	return counts.servers === count && counts.connected === count;
};

const keyAlphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ctrlU = '\u0015';

/** Types one character at a time and times each until the input line shows it. */
export function createKeyProber(term, {rows, timeoutMs}) {
	let typed = '';
	let count = 0;
	const clear = async () => {
		term.write(ctrlU);
		await term.waitUntil(() => {
			const text = inputText(term, rows);
			return text !== undefined && !/^[\dA-Z]/.test(text);
		}, timeoutMs);
		typed = '';
	};

	return {
		/** Latency in ms, or undefined when it did not show within the timeout. */
		async probe() {
			if (typed.length >= 40) {
				await clear();
			}

			const character = keyAlphabet[count++ % keyAlphabet.length];
			const expected = typed + character;
			typed = expected;
			const sent = performance.now();
			term.write(character);
			const seen = await term.waitUntil(
				() => inputText(term, rows)?.startsWith(expected) ?? false,
				timeoutMs,
			);
			if (!seen.ok) {
				await clear();
				return undefined;
			}

			return seen.at - sent;
		},
		clear,
	};
}

/**
Runs key probes until `until` (ms, performance.now()) or until `stop()` holds, each started `gapMs()`
after the previous one showed: a human's pace by default.
*/
export async function keyLoop(
	prober,
	until,
	{gapMs = () => 60 + Math.random() * 80, stop = () => false} = {},
) {
	const latencies = [];
	/** When each key was typed (performance.now()) and its latency (undefined: a timeout). */
	const keys = [];
	let timeouts = 0;
	for (let i = 0; i < 5000 && performance.now() < until && !stop(); i++) {
		const at = performance.now();
		// eslint-disable-next-line no-await-in-loop
		const latency = await prober.probe();
		keys.push({at, latency});
		if (latency === undefined) {
			timeouts++;
		} else {
			latencies.push(latency);
		}

		// eslint-disable-next-line no-await-in-loop
		await sleep(gapMs());
	}

	return {latencies, timeouts, keys};
}

/** Waits until the TUI's record counter has not moved for `quietMs`; returns it, or undefined on timeout. */
export async function waitForQuiet(
	term,
	rows,
	{quietMs = 1500, timeoutMs = 60_000} = {},
) {
	const deadline = performance.now() + timeoutMs;
	let last = droppedOnScreen(term, rows);
	let since = performance.now();
	while (performance.now() < deadline) {
		// eslint-disable-next-line no-await-in-loop
		await sleep(100);
		// eslint-disable-next-line no-await-in-loop
		await term.flush();
		const now = droppedOnScreen(term, rows);
		if (now !== last) {
			last = now;
			since = performance.now();
		} else if (performance.now() - since >= quietMs) {
			return last;
		}
	}

	return undefined;
}
