import v8 from 'node:v8';

/**
V8's heap sizing in favour of memory (`--optimize-for-size`), set from here because nobody runs
`npx shipyard-tui` with a Node flag. Under a flood of 1–2 M messages a second, V8 otherwise grows
the young generation to 32 MiB and lets garbage pile up to several times the live heap: 210–240 MiB
of RSS for ~45 MiB of live data. With it, the same flood peaks at ~140 MiB, at the same ingest rate
and keystroke latency (`npm run bench`). It is read as the heap grows, so setting it after start-up
still takes. Flags are per process: the ingest worker's heap follows it too.

Called once the first frame is drawn: set before, it made the start ~20 ms slower (less eager
compiling), for memory that start-up does not use.
*/
export function favourMemory(): void {
	v8.setFlagsFromString('--optimize-for-size');
}
