/**
Polls `check` until it returns something other than `undefined` or `false`, or fails with the last
thing seen once `timeoutMs` has passed. Tests wait for conditions, never for fixed times.
*/
export async function waitFor<T>(
	check: () => T | undefined | false | Promise<T | undefined | false>,
	options: {timeoutMs?: number; intervalMs?: number; what?: string} = {},
): Promise<T> {
	const timeoutMs = options.timeoutMs ?? 5000;
	const intervalMs = options.intervalMs ?? 10;
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			// eslint-disable-next-line no-await-in-loop
			const result = await check();
			if (result !== undefined && result !== false) {
				return result;
			}
		} catch (error) {
			lastError = error;
		}

		if (Date.now() > deadline) {
			const reason =
				lastError instanceof Error ? `: last error: ${lastError.message}` : '';
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${reason}`,
			);
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise((resolve) => {
			setTimeout(resolve, intervalMs);
		});
	}
}
