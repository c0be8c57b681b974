import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {probeProcess, readProcessStartTime} from './liveness.js';
import {errorCode} from './io-errors.js';
import {readRegularFile} from './regular-file.js';

export type LockOptions = {
	/** Give up after this long, in ms. Default 10 s. */
	timeoutMs?: number;
	/**
	A lock whose holder is still alive is taken over after this long, in ms (default 5 s): our holders
	keep it for about a millisecond, so a lock this old belongs to a stopped or stuck process. A lock
	whose holder has died is taken over at the next retry, within about 25 ms.
	*/
	staleMs?: number;
};

type Owner = {pid: number; procStart?: number; token: string};

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
Runs `task` while holding `<file>.lock`. The lock file is created whole by hard-linking a finished
temporary file, so its owner is always readable; this is synchronous so that it also works inside
an `exit` handler.
*/
export function withFileLockSync<T>(
	file: string,
	task: () => T,
	options: LockOptions = {},
): T {
	const release = acquire(`${file}.lock`, options);
	try {
		return task();
	} finally {
		release();
	}
}

function acquire(lockPath: string, options: LockOptions): () => void {
	const timeoutMs = options.timeoutMs ?? 10_000;
	const staleMs = options.staleMs ?? 5000;
	const owner: Owner = {
		pid: process.pid,
		procStart: readProcessStartTime(process.pid),
		token: randomBytes(8).toString('hex'),
	};
	const candidate = `${lockPath}.${process.pid}.${owner.token}`;
	// `wx`: created new or not at all, so a link planted at this name is never followed.
	fs.writeFileSync(candidate, JSON.stringify(owner), {mode: 0o600, flag: 'wx'});
	const deadline = Date.now() + timeoutMs;
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				fs.linkSync(candidate, lockPath);
				return () => {
					releaseIfOurs(lockPath, owner.token);
				};
			} catch (error) {
				if (errorCode(error) !== 'EEXIST') {
					throw error;
				}
			}

			breakIfStale(lockPath, staleMs);
			if (Date.now() > deadline) {
				throw new Error(
					`the registry stayed locked for ${timeoutMs} ms (${describeHolder(lockPath)}); remove ${lockPath} if no registry writer is running`,
				);
			}

			// Jittered so that many processes starting together do not retry in lock step.
			sleepSync(Math.min(25, 1 + attempt) * (0.5 + Math.random()));
		}
	} finally {
		fs.rmSync(candidate, {force: true});
	}
}

function breakIfStale(lockPath: string, staleMs: number): void {
	let inode: number;
	let owner: Partial<Owner> | undefined;
	let ageMs: number;
	let regular: boolean;
	let folder = false;
	try {
		// `lstat`, and the owner read without following links: a lock that is a symlink (to a FIFO, say)
		// must neither block us nor be taken for a live holder's.
		const stats = fs.lstatSync(lockPath);
		inode = stats.ino;
		ageMs = Date.now() - stats.mtimeMs;
		regular = stats.isFile();
		owner = regular ? readOwner(lockPath) : undefined;
		if (stats.isDirectory()) {
			folder = true;
		}
	} catch {
		return; // Released meanwhile: just retry.
	}

	// Not ours to delete (it may hold anything), and never a lock: ask for a person.
	if (folder) {
		throw new Error(
			`${lockPath} is a folder, not a lock file; remove it if no registry writer is running`,
		);
	}

	const holderGone =
		!regular ||
		(typeof owner?.pid === 'number' &&
			!probeProcess(owner.pid, owner.procStart).alive);
	if (!holderGone && ageMs < staleMs) {
		return;
	}

	// Move the lock aside and check it is the one judged stale: if another process replaced it in
	// the meantime, put theirs back.
	const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch {
		return;
	}

	try {
		if (fs.lstatSync(aside).ino !== inode) {
			try {
				fs.linkSync(aside, lockPath);
			} catch {
				// Somebody holds the lock again already; theirs stands.
			}
		}
	} finally {
		fs.rmSync(aside, {force: true});
	}
}

function releaseIfOurs(lockPath: string, token: string): void {
	try {
		if (readOwner(lockPath)?.token === token) {
			fs.unlinkSync(lockPath);
		}
	} catch {
		// Already gone (taken over as stale): nothing to release.
	}
}

/** The holder written in a lock file; never follows a link, never blocks, never reads much. */
function readOwner(lockPath: string): Partial<Owner> | undefined {
	const read = readRegularFile(lockPath, {maxBytes: 4096, noFollow: true});
	return read.ok ? parseOwner(read.text) : undefined;
}

function parseOwner(text: string): Partial<Owner> | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return typeof value === 'object' && value !== null ? value : undefined;
	} catch {
		return undefined;
	}
}

function describeHolder(lockPath: string): string {
	const owner = readOwner(lockPath);
	return typeof owner?.pid === 'number'
		? `held by pid ${owner.pid}`
		: 'holder unknown';
}

function sleepSync(ms: number): void {
	Atomics.wait(sleepCell, 0, 0, ms);
}
