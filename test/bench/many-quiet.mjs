/**
Bench phase (issue 14): many quiet servers, then a reconnect storm, in a TUI session of their own.

1. A servers child (servers.mjs) listens with `count` quiet `ws` servers (the hard limit on open files
   is checked first: Node raises its soft limit to it by itself); they go into a fresh registry; the TUI is started over it with
   `--max-servers` above `count` (the default acts on 256 entries).
2. All connected: read off the header (` N servers: N connected`), not the table, which shows only
   its first rows. Then, after a short settle, the TUI's CPU and RSS over `seconds`.
3. The storm: every server cut and closed at once, listening again on its own port `downMs` later
   (what `docker compose restart` looks like to a monitor), while a key is typed into the TUI every
   ~50 ms and timed until the input line shows it; until the header says all are connected again, or
   a deadline passes.
*/
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	cpuMeter,
	entry,
	checkFileLimit,
	measureWindow,
	round,
	rssMiB,
	sleep,
	startChild,
	summarize,
	writeRegistry,
} from './lib.mjs';
import {
	createKeyProber,
	headerCounts,
	isConnected,
	keyLoop,
} from './screen.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Descriptors a process needs besides its sockets: node's own, the pty, pipes, watchers. */
const spareFiles = 256;

/**
@param {object} options
@param {number} options.count Quiet servers.
@param {number} options.seconds The idle window, all connected.
@param {number} options.stormDownMs How long the servers stay down in the storm.
@param {number} options.stormTimeoutMs How long the storm may take to be connected again.
@param {string} options.registryFile A registry file of its own (written here).
@param {(file: string, options: object) => object} options.startTui Starts the TUI; stopped by the caller's cleanups.
@param {number} options.rows The terminal's rows.
@param {number} options.keyTimeoutMs A key not shown by then is a timeout.
@param {(text: string) => void} options.log
@param {Array<() => Promise<void>>} options.cleanups Where to register what must be stopped.
*/
export async function manyQuietPhase({
	count,
	seconds,
	stormDownMs,
	stormTimeoutMs,
	registryFile,
	startTui,
	rows,
	keyTimeoutMs,
	log,
	cleanups,
}) {
	// Each server holds its listener and one accepted socket; the TUI one socket per server.
	const limits = checkFileLimit(
		count * 2 + spareFiles,
		`the process with ${count} quiet servers`,
	);
	const servers = startChild(path.join(here, 'servers.mjs'));
	cleanups.push(async () => servers.stop());
	await servers.ready;
	const {ports} = await servers.request(
		'start',
		{group: 'many', count},
		60_000,
	);
	writeRegistry(
		registryFile,
		ports.map((port, index) =>
			entry(`many-${String(index + 1).padStart(4, '0')}`, port),
		),
	);
	log(`many quiet: ${count} servers listening; starting a TUI over them`);

	const term = startTui(registryFile, {
		extraArguments: ['--max-servers', String(count + 100)],
	});
	const all = await term.waitUntil(
		isConnected(term, count),
		Math.max(30_000, count * 60),
	);
	if (!all.ok) {
		throw new Error(
			`the TUI did not show all ${count} servers connected; header: ${term.line(0)}`,
		);
	}

	const allConnectedMs = round(all.at - term.startedAt, 0);
	log(`many quiet: all ${count} connected ${allConnectedMs} ms after start`);

	// Connecting leaves garbage and a burst of system lines behind; the window is for the quiet after.
	await sleep(3000);
	const frames0 = term.frames();
	const idle = await measureWindow(term.pid, seconds);
	idle.framesPerSecond = round((term.frames() - frames0) / seconds, 2);
	log(
		`many quiet: ${idle.cpuPercent} % CPU, ${idle.rssMiB} MiB RSS over ${seconds} s (machine ${idle.machineBusyPercent} % busy)`,
	);

	const storm = await reconnectStorm({
		term,
		servers,
		count,
		stormDownMs,
		stormTimeoutMs,
		rows,
		keyTimeoutMs,
		log,
	});
	await term.stop(5000);
	term.dispose();
	await servers.stop();
	return {
		servers: count,
		openFilesHardLimit: limits?.hard,
		allConnectedMs,
		idle,
		storm,
	};
}

async function reconnectStorm({
	term,
	servers,
	count,
	stormDownMs,
	stormTimeoutMs,
	rows,
	keyTimeoutMs,
	log,
}) {
	const prober = createKeyProber(term, {rows, timeoutMs: keyTimeoutMs});
	await prober.clear();
	log(
		`reconnect storm: all ${count} servers closed at once, back ${stormDownMs} ms later`,
	);
	const cpu = cpuMeter(term.pid);
	const t0 = performance.now();
	const deadline = t0 + stormDownMs + stormTimeoutMs;
	let over = false;
	let lowestConnected = count;
	// The header must first show the cut, or "all connected" would hold before the storm began.
	const cut = term.waitUntil(() => {
		const connected = headerCounts(term).connected ?? 0;
		lowestConnected = Math.min(lowestConnected, connected);
		return connected < count;
	}, stormDownMs + 5000);
	const keys = keyLoop(prober, deadline, {
		gapMs: () => 50,
		stop: () => over,
	});
	const restart = await servers.request(
		'restart',
		{group: 'many', downMs: stormDownMs},
		stormDownMs + 30_000,
	);
	const cutSeen = await cut;
	const back = count - restart.failedPorts.length;
	const again = cutSeen.ok
		? await term.waitUntil(
				() => {
					const counts = headerCounts(term);
					lowestConnected = Math.min(lowestConnected, counts.connected ?? 0);
					return counts.connected === back;
				},
				Math.max(0, deadline - performance.now()),
			)
		: {ok: false};
	over = true;
	const {latencies, timeouts, keys: typed} = await keys;
	// The two halves of a storm: every socket closing and retrying in vain, then every one reconnecting.
	const listeningAt = t0 + restart.downMs;
	const part = (test) => {
		const chosen = typed.filter((key) => test(key.at));
		return {
			...summarize(
				chosen
					.map((key) => key.latency)
					.filter((latency) => latency !== undefined),
			),
			timeouts: chosen.filter((key) => key.latency === undefined).length,
		};
	};

	const cpuPercent = cpu();
	const storm = {
		downMs: restart.downMs,
		relistenMs: restart.relistenMs,
		portsNotRelistened: restart.failedPorts.length,
		cutSeen: cutSeen.ok,
		lowestConnectedSeen: lowestConnected,
		allConnectedAgain: again.ok,
		// From the cut, and from the moment the servers listened again.
		reconnectedMs: again.ok ? round(again.at - t0, 0) : undefined,
		reconnectedAfterListenMs: again.ok
			? round(again.at - t0 - restart.downMs, 0)
			: undefined,
		keyMs: {...summarize(latencies), timeouts},
		keyMsWhileDown: part((at) => at < listeningAt),
		keyMsWhileReconnecting: part((at) => at >= listeningAt),
		cpuPercent: round(cpuPercent, 0),
		rssMiB: round(rssMiB(term.pid), 0),
		headerAtEnd: term.line(0).trim(),
	};
	log(
		`reconnect storm: ${again.ok ? `all connected again after ${storm.reconnectedMs} ms` : `not all connected again within ${stormTimeoutMs} ms (${term.line(0).trim()})`}; keys p50 ${storm.keyMs.p50} / p95 ${storm.keyMs.p95} / max ${storm.keyMs.max} ms (n ${storm.keyMs.n}, ${timeouts} timeouts)`,
	);
	return storm;
}
