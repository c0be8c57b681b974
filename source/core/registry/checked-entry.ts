import {readProcessStartTime} from './liveness.js';
import {describeIssue} from './parse.js';
import {serverEntrySchema, type ServerEntry} from './schema.js';

export type RegistrationInput = Omit<ServerEntry, 'pid' | 'startedAt'> & {
	pid?: number;
	startedAt?: string;
};

/**
The entry a registration writes: the input with this process's pid, start time and Linux process
start time filled in, checked against the schema (a bad field throws, naming it).
*/
export function checkedEntry(input: RegistrationInput): ServerEntry {
	const given: unknown = input;
	// Plain JavaScript can pass anything: only an object gets our defaults; the schema refuses the rest.
	const isObject =
		typeof given === 'object' && given !== null && !Array.isArray(given);
	const parsed = serverEntrySchema.safeParse(
		isObject ? withDefaults(input) : given,
	);
	if (!parsed.success) {
		const issue = describeIssue(parsed.error);
		throw new Error(
			`cannot register "${String(isObject ? input.id : undefined)}": ${issue.field === undefined ? '' : `${issue.field} `}${issue.message}`,
		);
	}

	return parsed.data;
}

/** `input` with this process's pid, the start time and the process start time filled in where missing. */
function withDefaults(input: RegistrationInput): Record<string, unknown> {
	const pid = input.pid ?? process.pid;
	const procStart = input.procStart ?? readProcessStartTime(pid);
	return {
		...input,
		pid,
		startedAt: input.startedAt ?? new Date().toISOString(),
		...(procStart === undefined ? {} : {procStart}),
	};
}
