/**
Bench phase (issue 14): one flood server, read by wscat and then by the TUI, for the same window.

wscat (`wscat -c ws://127.0.0.1:<port>`, the tool people use today) runs in a pseudo-terminal, as the
TUI does. Its rate is the messages it printed to that terminal: every incoming message is one
`< text` line (blue `< ` marker), counted in the raw pty output. That is what a person sees, and it
is the honest figure: what the server wrote also holds what still waits in socket buffers, which
wscat had not shown yet (measured: ~100 k messages, ~5 MB, on loopback, swinging by ±25 k from one
second to the next, so over a few seconds the server's count is off by tens of percent either way). The bench does not feed wscat's output through a terminal emulator (it does
for the TUI, to read its screen): wscat's rate is then its own, as with an infinitely fast terminal,
a best case for it. The server's count over the same window is kept as a cross-check.

The TUI then gets that server alone in a registry of its own; its rate is its ingest counter (the
pane rule's "N older dropped", running once a burst has filled the scrollback).
*/
import path from 'node:path';
import {createRequire} from 'node:module';
import {
	cpuMeter,
	entry,
	occurrenceCounter,
	round,
	rssMiB,
	sleep,
	writeRegistry,
} from './lib.mjs';
import {droppedOnScreen, isConnected, waitForQuiet} from './screen.mjs';
import {startTerminal} from './terminal.mjs';

const require = createRequire(import.meta.url);
/** Wscat's incoming-message marker when it writes to a terminal: blue, then `< `. */
const incoming = '\u001B[34m< ';
const warmupMs = 1000;

/** The path of wscat's bin script (a devDependency). */
function wscatBin() {
	const manifest = require.resolve('wscat/package.json');
	return path.join(path.dirname(manifest), 'bin/wscat');
}

/**
@param {object} options
@param {object} options.servers The servers child (servers.mjs) with the `flood` group, nobody connected.
@param {number} options.port The one flood server's port.
@param {number} options.seconds Each measuring window.
@param {string} options.registryFile A registry file of its own (written here).
@param {(file: string, options?: object) => object} options.startTui
@param {number} options.rows
@param {number} options.cols
@param {number} options.scrollback The TUI's scrollback (the burst that fills it).
@param {(text: string) => void} options.log
@param {Array<() => Promise<void>>} options.cleanups
*/
export async function sideBySidePhase(options) {
	const wscat = await wscatWindow(options);
	const tui = await tuiWindow(options);
	return {port: options.port, seconds: options.seconds, wscat, tui};
}

async function wscatWindow({
	servers,
	port,
	seconds,
	rows,
	cols,
	log,
	cleanups,
}) {
	const printed = occurrenceCounter(incoming);
	let output = '';
	const term = startTerminal({
		args: [wscatBin(), '-c', `ws://127.0.0.1:${port}`],
		cols,
		rows,
		emulate: false,
		onData(data) {
			printed.add(data);
			// Only the start is kept, to see "Connected" (or why not).
			if (output.length < 4096) {
				output += data;
			}
		},
	});
	cleanups.push(async () => {
		await term.stop(1000);
		term.dispose();
	});
	const connected = await term.waitUntil(
		() => output.includes('Connected'),
		10_000,
	);
	if (!connected.ok) {
		throw new Error(`wscat did not connect within 10 s; it printed: ${output}`);
	}

	const result = await floodWindow({
		servers,
		seconds,
		pid: term.pid,
		count: () => printed.count(),
	});
	await term.stop(2000);
	term.dispose();
	log(
		`side by side: wscat printed ${round(result.msgsPerSecond / 1000, 1)} k msgs/s at ${result.cpuPercent} % CPU (the server wrote ${round(result.serverMsgsPerSecond / 1000, 1)} k/s)`,
	);
	return result;
}

async function tuiWindow({
	servers,
	port,
	seconds,
	registryFile,
	startTui,
	rows,
	scrollback,
	log,
}) {
	writeRegistry(registryFile, [entry('flood-solo', port)]);
	const term = startTui(registryFile);
	const up = await term.waitUntil(isConnected(term, 1), 15_000);
	if (!up.ok) {
		throw new Error(
			`the TUI did not connect to the one server; header: ${term.line(0)}`,
		);
	}

	// Fill the scrollback so the pane's "older dropped" counter runs: one count per message.
	await servers.request('mode', {
		group: 'flood',
		mode: 'burst',
		count: scrollback + 1000,
	});
	const filled = await term.waitUntil(
		() => (droppedOnScreen(term, rows) ?? 0) > 0,
		15_000,
	);
	if (!filled.ok) {
		throw new Error(
			`the pane never showed "older dropped"; screen:\n${term.text()}`,
		);
	}

	await waitForQuiet(term, rows, {quietMs: 800, timeoutMs: 10_000});
	const result = await floodWindow({
		servers,
		seconds,
		pid: term.pid,
		async count() {
			await term.flush();
			return droppedOnScreen(term, rows);
		},
	});
	await term.stop(5000);
	term.dispose();
	log(
		`side by side: the TUI took ${round(result.msgsPerSecond / 1000, 1)} k msgs/s at ${result.cpuPercent} % CPU (the server wrote ${round(result.serverMsgsPerSecond / 1000, 1)} k/s)`,
	);
	return result;
}

/** Floods the one connected client; after a warm-up, its count and CPU over `seconds`. */
async function floodWindow({servers, seconds, pid, count}) {
	await servers.request('mode', {group: 'flood', mode: 'flood'});
	try {
		await sleep(warmupMs);
		const count0 = await count();
		const {sent: sent0} = await servers.request('stats', {group: 'flood'});
		const cpu = cpuMeter(pid);
		const benchCpu = cpuMeter(process.pid);
		const t0 = performance.now();
		await sleep(seconds * 1000);
		const count1 = await count();
		const {sent: sent1} = await servers.request('stats', {group: 'flood'});
		const windowSeconds = (performance.now() - t0) / 1000;
		return {
			msgsPerSecond: Math.round((count1 - count0) / windowSeconds),
			serverMsgsPerSecond: Math.round((sent1 - sent0) / windowSeconds),
			cpuPercent: round(cpu(), 0),
			benchCpuPercent: round(benchCpu(), 0),
			rssMiB: round(rssMiB(pid), 0),
		};
	} finally {
		await servers.request('mode', {group: 'flood', mode: 'off'});
	}
}
