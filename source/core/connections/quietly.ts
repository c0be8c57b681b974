/** Runs a call into `ws` that must not throw past its entry; returns the error, if any. */
export function quietly(action: () => void): unknown {
	try {
		action();
		return undefined;
	} catch (error: unknown) {
		return error ?? new Error('unknown error');
	}
}
