import {waitFor} from './wait-for.js';

/** Waits for the last rendered frame to satisfy `check`; ink renders after a tick, never at once. */
export async function waitForFrame(
	lastFrame: () => string | undefined,
	check: (frame: string) => boolean,
	what = 'the expected frame',
): Promise<string> {
	try {
		return await waitFor(
			() => {
				const frame = lastFrame() ?? '';
				return check(frame) && frame;
			},
			{timeoutMs: 3000, what},
		);
	} catch (error) {
		throw new Error(
			`${(error as Error).message}\n--- last frame ---\n${lastFrame() ?? ''}`,
			{cause: error},
		);
	}
}
