import fs from 'node:fs';
import {errorCode} from './io-errors.js';

export type ProcessProbe =
	| {alive: true}
	| {alive: false; reason: 'no such process' | 'zombie' | 'pid reused'};

type ProcStat = {state: string; startTime: number};

/**
Is the process behind a registry entry still running? `kill(pid, 0)`: ESRCH means gone, EPERM means
alive (another user's process). On Linux `/proc/<pid>/stat` also tells a zombie (which `kill` still
finds) and a reused PID (a different start time than the one recorded at registration).
*/
export function probeProcess(pid: number, procStart?: number): ProcessProbe {
	if (!Number.isSafeInteger(pid) || pid <= 0) {
		// `kill(0)` and negative PIDs address process groups: never probe them.
		return {alive: false, reason: 'no such process'};
	}

	try {
		process.kill(pid, 0);
	} catch (error) {
		if (errorCode(error) !== 'EPERM') {
			return {alive: false, reason: 'no such process'};
		}
	}

	const stat = readProcStat(pid);
	if (stat?.state === 'Z' || stat?.state === 'X') {
		return {alive: false, reason: 'zombie'};
	}

	if (stat && procStart !== undefined && stat.startTime !== procStart) {
		return {alive: false, reason: 'pid reused'};
	}

	return {alive: true};
}

/** Start time of a process in clock ticks after boot (Linux only; undefined elsewhere). */
export function readProcessStartTime(pid: number): number | undefined {
	return readProcStat(pid)?.startTime;
}

function readProcStat(pid: number): ProcStat | undefined {
	let text: string;
	try {
		text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}

	// The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// Fields 3 (state) and 22 (starttime), so indexes 0 and 19 after the name.
	const state = fields[0];
	const startTime = Number(fields[19]);
	if (state === undefined || !Number.isSafeInteger(startTime)) {
		return undefined;
	}

	return {state, startTime};
}
