/** Small helpers for the bench: child processes over IPC, /proc readings, statistics, the registry file. */
import {execFileSync, fork} from 'node:child_process';
import fs from 'node:fs';

export const sleep = async (ms) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

/**
A forked child that answers `{cmd, id}` requests with `{id, ...}` over IPC. `ready` resolves on its
first `{ready: true}` message; any `{error}` message it sends is collected in `errors`.
*/
export function startChild(
	file,
	arguments_ = [],
	{readyTimeoutMs = 15_000} = {},
) {
	const child = fork(file, arguments_, {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map();
	const errors = [];
	const watchers = new Set();
	let nextId = 1;
	let exited = false;
	let readyResolve;
	let readyReject;
	const ready = new Promise((resolve, reject) => {
		readyResolve = resolve;
		readyReject = reject;
	});
	const readyTimer = setTimeout(() => {
		readyReject(new Error(`${file} did not start within ${readyTimeoutMs} ms`));
	}, readyTimeoutMs);
	child.on('message', (message) => {
		for (const watcher of watchers) {
			if (watcher.test(message)) {
				watcher.resolve(message);
			}
		}

		if (message.ready) {
			clearTimeout(readyTimer);
			readyResolve();
		} else if (message.error !== undefined && message.id === undefined) {
			errors.push(message.error);
		} else if (pending.has(message.id)) {
			const {resolve, reject, timer} = pending.get(message.id);
			clearTimeout(timer);
			pending.delete(message.id);
			if (message.ok === false) {
				reject(new Error(message.error));
			} else {
				resolve(message);
			}
		}
	});
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			clearTimeout(readyTimer);
			readyReject(
				new Error(`${file} exited (${signal ?? code}) before it was ready`),
			);
			for (const {reject, timer} of pending.values()) {
				clearTimeout(timer);
				reject(new Error(`${file} exited (${signal ?? code})`));
			}

			pending.clear();
			for (const watcher of watchers) {
				watcher.reject(new Error(`${file} exited (${signal ?? code})`));
			}

			resolve();
		});
	});
	// A rejected `ready` nobody awaits yet must not crash the bench.
	ready.catch(() => undefined);

	return {
		pid: child.pid,
		ready,
		errors,
		async request(cmd, payload = {}, timeoutMs = 15_000) {
			if (exited) {
				throw new Error(`${file} has exited`);
			}

			const id = nextId++;
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					pending.delete(id);
					reject(
						new Error(`${file}: "${cmd}" got no answer within ${timeoutMs} ms`),
					);
				}, timeoutMs);
				pending.set(id, {resolve, reject, timer});
				child.send({...payload, cmd, id});
			});
		},
		/** The next message for which `test` holds; rejects after `timeoutMs` or when the child exits. */
		async next(test, timeoutMs) {
			return new Promise((resolve, reject) => {
				const watcher = {
					test,
					resolve(message) {
						clearTimeout(timer);
						watchers.delete(watcher);
						resolve(message);
					},
					reject(error) {
						clearTimeout(timer);
						watchers.delete(watcher);
						reject(error);
					},
				};
				const timer = setTimeout(() => {
					watcher.reject(
						new Error(`${file}: no answer within ${timeoutMs} ms`),
					);
				}, timeoutMs);
				watchers.add(watcher);
			});
		},
		/** Ends the child: it exits when its IPC channel closes; SIGTERM, then SIGKILL, if it does not. */
		async stop(graceMs = 3000) {
			if (exited) {
				return;
			}

			const term = setTimeout(() => {
				child.kill('SIGTERM');
			}, 500);
			const kill = setTimeout(() => {
				child.kill('SIGKILL');
			}, graceMs);
			if (child.connected) {
				child.disconnect();
			}

			await exitPromise;
			clearTimeout(term);
			clearTimeout(kill);
		},
		kill() {
			if (!exited) {
				child.kill('SIGKILL');
			}
		},
	};
}

let clockTicks;
function ticksPerSecond() {
	if (clockTicks === undefined) {
		try {
			clockTicks =
				Number(
					execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim(),
				) || 100;
		} catch {
			clockTicks = 100;
		}
	}

	return clockTicks;
}

/** CPU seconds (user + system) a process has used so far, or undefined once it is gone. */
export function cpuSeconds(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces), from field 3 (state) on.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
	} catch {
		return undefined;
	}
}

/** Resident memory in MiB (VmRSS), or undefined once the process is gone. */
export function rssMiB(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Tracks a process's CPU use between `start()` and `stop()` as a percentage of one core. */
export function cpuMeter(pid) {
	const cpu0 = cpuSeconds(pid);
	const t0 = performance.now();
	return () => {
		const cpu1 = cpuSeconds(pid);
		const seconds = (performance.now() - t0) / 1000;
		return cpu0 === undefined || cpu1 === undefined || seconds <= 0
			? undefined
			: ((cpu1 - cpu0) / seconds) * 100;
	};
}

function machineTicks() {
	try {
		const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
		const fields = line.trim().split(/\s+/).slice(1).map(Number);
		const total = fields.reduce((sum, value) => sum + value, 0);
		// Idle + iowait
		const idle = fields[3] + (fields[4] ?? 0);
		return {total, idle};
	} catch {
		return undefined;
	}
}

/**
How busy the whole machine was between this call and the returned function's, in % of all cores:
with the processes the bench measures, and whatever else runs (other people's tests skew figures).
*/
export function machineMeter() {
	const first = machineTicks();
	return () => {
		const last = machineTicks();
		if (!first || !last || last.total === first.total) {
			return undefined;
		}

		return (1 - (last.idle - first.idle) / (last.total - first.total)) * 100;
	};
}

/** Nearest-rank percentile of numbers (undefined for none). */
export function percentile(values, p) {
	if (values.length === 0) {
		return undefined;
	}

	const sorted = values.toSorted((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values) {
	return {
		n: values.length,
		p50: round(percentile(values, 50)),
		p95: round(percentile(values, 95)),
		max: round(percentile(values, 100)),
	};
}

/** Least-squares slope of y over x (undefined with fewer than two distinct x). */
export function slope(points) {
	if (points.length < 2) {
		return undefined;
	}

	const n = points.length;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	let cov = 0;
	let variance = 0;
	for (const [x, y] of points) {
		cov += (x - meanX) * (y - meanY);
		variance += (x - meanX) ** 2;
	}

	return variance === 0 ? undefined : cov / variance;
}

export function round(value, digits = 1) {
	if (value === undefined || value === null || !Number.isFinite(value)) {
		return value ?? undefined;
	}

	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** Replaces the registry file as writers should: a temporary file in the same folder, then a rename. */
let registryWrites = 0;
export function writeRegistry(file, entries) {
	const temporary = `${file}.${process.pid}.${registryWrites++}.tmp`;
	fs.writeFileSync(temporary, JSON.stringify({servers: entries}, undefined, 2));
	fs.renameSync(temporary, file);
}

export function entry(id, port) {
	return {
		id,
		port,
		// The bench itself: alive for as long as the run, so no entry is ever taken for stale.
		pid: process.pid,
		startedAt: new Date().toISOString(),
		host: '127.0.0.1',
	};
}

/** This process's soft and hard limits on open files (children inherit them), or undefined off Linux. */
export function openFileLimits() {
	try {
		const limits = fs.readFileSync('/proc/self/limits', 'utf8');
		const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
		const value = (text) =>
			text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
		return match ? {soft: value(match[1]), hard: value(match[2])} : undefined;
	} catch {
		return undefined;
	}
}

/**
Throws, saying what to do, when a Node process cannot hold `needed` descriptors. Only the hard limit
counts: Node raises its soft limit to the hard one as it starts (src/node.cc; nodejs/node#51072), so
a low `ulimit -n` is no obstacle, and a process cannot raise its hard limit without privileges.
*/
export function checkFileLimit(needed, what) {
	const limits = openFileLimits();
	if (limits !== undefined && limits.hard < needed) {
		throw new Error(
			`${what} needs ${needed} open files, but the hard limit is ${limits.hard} (ulimit -Hn): raise it, or ask for fewer servers`,
		);
	}

	return limits;
}

/** A process's CPU (% of one core), the whole machine's load and the process's RSS over `seconds`. */
export async function measureWindow(pid, seconds) {
	const cpu = cpuMeter(pid);
	const machine = machineMeter();
	await sleep(seconds * 1000);
	return {
		seconds,
		cpuPercent: round(cpu(), 2),
		machineBusyPercent: round(machine(), 0),
		rssMiB: round(rssMiB(pid), 0),
	};
}

/**
Counts occurrences of `needle` in a stream of chunks, a match straddling two chunks included. The
needle must not overlap itself (no proper prefix equal to a suffix), as wscat's `ESC[34m< ` does not;
then the count is that of the whole stream at once.
*/
export function occurrenceCounter(needle) {
	let count = 0;
	let tail = '';
	return {
		add(data) {
			const scan = tail + data;
			let at = scan.indexOf(needle);
			while (at !== -1) {
				count++;
				at = scan.indexOf(needle, at + needle.length);
			}

			// What could begin a match, never a whole one (that was counted).
			tail = scan.slice(Math.max(0, scan.length - needle.length + 1));
		},
		count: () => count,
	};
}
