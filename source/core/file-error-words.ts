import {errorCode} from './registry/io-errors.js';

const errorWords: Record<string, string> = {
	ENOENT: 'no such folder',
	ENOTDIR: 'a part of the path is not a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on the device',
	EISDIR: 'is a folder',
	ELOOP: 'too many symbolic links',
	ENAMETOOLONG: 'the name is too long',
};

/**
A failure to write a file of ours (`/save`, `--record`) in a few words: a system error by its
meaning and code, since Node's own message repeats the whole path.
*/
export function fileErrorWords(error: unknown): string {
	const code = errorCode(error);
	if (code === undefined) {
		return error instanceof Error ? error.message : String(error);
	}

	return `${errorWords[code] ?? 'failed'} (${code})`;
}
