import v8 from 'node:v8';

/** How long after the last skipped frame a flood counts as over, in ms. */
const calmAfterMs = 5000;

/**
V8's heap sizing in favour of memory (`--optimize-for-size`) while a flood lasts, set from here
because nobody runs `npx shipyard-tui` with a Node flag. Under a flood of 1–2 M messages a second
V8 otherwise grows the young generations and lets garbage pile up to several times the live heap:
180–240 MiB of RSS for ~45 MiB of live data; with it, the same flood peaks at ~140 MiB. It is read
as the heap grows, so setting it at run time takes. Flags are per process: the ingest worker's heap
follows it too.

Only while flooding (the ingest worker skips frames), because it costs CPU: idle, 1 000 quiet
servers took 3.9 % CPU with it and 2.2 % without (test/bench/idle-cpu.mjs); under the flood it reads
~10 % fewer messages a second, for ~60 MiB less.
*/
export function createMemoryMode(): {flooding(): void; close(): void} {
	let favourMemory = false;
	let calm: NodeJS.Timeout | undefined;
	const set = (on: boolean) => {
		favourMemory = on;
		v8.setFlagsFromString(
			on ? '--optimize-for-size' : '--no-optimize-for-size',
		);
	};

	return {
		flooding() {
			if (!favourMemory) {
				set(true);
			}

			clearTimeout(calm);
			calm = setTimeout(() => {
				set(false);
			}, calmAfterMs);
			calm.unref();
		},
		close() {
			clearTimeout(calm);
		},
	};
}
