import {type ProcessProbe} from '../registry/liveness.js';
import {type ConnectionOptions} from './connection.js';

/** How long a liveness answer is reused, in ms; see `sharedProbe`. */
const probeReuseMs = 100;

/**
Every attempt asks whether its process is alive when it starts and when it fails, and reading
`/proc/<pid>/stat` was the largest cost of thousands of entries on refused ports: an answer is
reused for `probeReuseMs`, by pid and start time. The cache is dropped whole when it is that old,
so it never holds more than the pids asked about in that time.
*/
export function sharedProbe(
	probe: ConnectionOptions['probe'],
	now: () => number,
): ConnectionOptions['probe'] {
	let answers = new Map<string, ProcessProbe>();
	let since = now();
	return (pid, procStart) => {
		const at = now();
		if (at - since >= probeReuseMs || at < since) {
			answers = new Map();
			since = at;
		}

		const key = `${pid}:${procStart ?? ''}`;
		let answer = answers.get(key);
		if (answer === undefined) {
			answer = probe(pid, procStart);
			answers.set(key, answer);
		}

		return answer;
	};
}
