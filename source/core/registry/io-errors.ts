export function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error
		? String(error.code)
		: undefined;
}

/** Why `servers.d` cannot be listed (listing a file is ENOTDIR, never EISDIR). */
export function describeIoError(error: unknown): string {
	const code = errorCode(error);
	if (code === 'EACCES' || code === 'EPERM') {
		return 'cannot be read (permission denied)';
	}

	return error instanceof Error ? error.message : String(error);
}
