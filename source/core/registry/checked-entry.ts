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
	const pid = input.pid ?? process.pid;
	const procStart = input.procStart ?? readProcessStartTime(pid);
	const parsed = serverEntrySchema.safeParse({
		...input,
		pid,
		startedAt: input.startedAt ?? new Date().toISOString(),
		...(procStart === undefined ? {} : {procStart}),
	});
	if (!parsed.success) {
		const issue = describeIssue(parsed.error);
		throw new Error(
			`cannot register "${String(input.id)}": ${issue.field === undefined ? '' : `${issue.field} `}${issue.message}`,
		);
	}

	return parsed.data;
}
