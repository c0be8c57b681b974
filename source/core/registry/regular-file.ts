import fs from 'node:fs';

export type RegularFileRead =
	| {ok: true; text: string; stats: fs.Stats}
	| {ok: false; missing: true}
	| {ok: false; missing: false; problem: string};

export type RegularFileOptions = {
	/** Larger files are refused whole (never read in part), so memory stays bounded. */
	maxBytes: number;
	/** Refuse a symbolic link instead of following it (for files we own, such as the lock). */
	noFollow?: boolean;
};

/**
Reads a file only if it is a regular file, and only up to `maxBytes`. Opening with `O_NONBLOCK` and
checking the open descriptor means a FIFO (or a symlink to one) can never block the caller, and
nothing can be swapped in between the check and the read (issue 9, item 2).
*/
export function readRegularFile(
	file: string,
	options: RegularFileOptions,
): RegularFileRead {
	let descriptor: number;
	try {
		descriptor = fs.openSync(
			file,
			fs.constants.O_RDONLY |
				fs.constants.O_NONBLOCK |
				(options.noFollow ? fs.constants.O_NOFOLLOW : 0),
		);
	} catch (error) {
		const code = errorCodeOf(error);
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return {ok: false, missing: true};
		}

		return {ok: false, missing: false, problem: describeOpenError(error)};
	}

	try {
		const stats = fs.fstatSync(descriptor);
		if (!stats.isFile()) {
			return {
				ok: false,
				missing: false,
				problem: `is ${describeFileType(stats)}, not a regular file; not read`,
			};
		}

		if (stats.size > options.maxBytes) {
			return tooLarge(stats.size, options.maxBytes);
		}

		// The size can change after fstat: read at most one byte more than allowed, to notice.
		const buffer = Buffer.alloc(Math.min(stats.size, options.maxBytes) + 1);
		let length = 0;
		for (let attempt = 0; attempt < 1000 && length < buffer.length; attempt++) {
			const count = fs.readSync(
				descriptor,
				buffer,
				length,
				buffer.length - length,
				length,
			);
			if (count === 0) {
				break;
			}

			length += count;
		}

		if (length > options.maxBytes) {
			return tooLarge(length, options.maxBytes);
		}

		const text = buffer.toString('utf8', 0, length);
		// A byte-order mark is not JSON, but some editors write one.
		return {
			ok: true,
			text: text.startsWith('\uFEFF') ? text.slice(1) : text,
			stats,
		};
	} catch (error) {
		return {ok: false, missing: false, problem: describeOpenError(error)};
	} finally {
		fs.closeSync(descriptor);
	}
}

function tooLarge(size: number, maxBytes: number): RegularFileRead {
	return {
		ok: false,
		missing: false,
		problem: `is larger than ${formatBytes(maxBytes)} (${size} bytes or more); not read`,
	};
}

export function formatBytes(bytes: number): string {
	return bytes % 1024 ** 2 === 0
		? `${bytes / 1024 ** 2} MiB`
		: bytes % 1024 === 0
			? `${bytes / 1024} KiB`
			: `${bytes} bytes`;
}

export function describeFileType(stats: fs.Stats): string {
	if (stats.isFIFO()) {
		return 'a FIFO';
	}

	if (stats.isDirectory()) {
		return 'a folder';
	}

	if (stats.isSocket()) {
		return 'a socket';
	}

	if (stats.isCharacterDevice() || stats.isBlockDevice()) {
		return 'a device';
	}

	if (stats.isSymbolicLink()) {
		return 'a symbolic link';
	}

	return 'not a regular file';
}

function describeOpenError(error: unknown): string {
	const code = errorCodeOf(error);
	if (code === 'EACCES' || code === 'EPERM') {
		return 'cannot be read (permission denied)';
	}

	if (code === 'EISDIR') {
		return 'is a folder, not a regular file; not read';
	}

	if (code === 'ELOOP') {
		return 'is a symbolic link (or a loop of them); not read';
	}

	if (code === 'ENXIO') {
		return 'is a socket or device, not a regular file; not read';
	}

	return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function errorCodeOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error
		? String(error.code)
		: undefined;
}
