import {type ZodError} from 'zod';
import {
	registryFileSchema,
	serverEntrySchema,
	type ServerEntry,
} from './schema.js';
import {type RegistryWarning} from './warnings.js';

export type ParsedRegistryFile =
	| {ok: true; servers: ServerEntry[]; warnings: RegistryWarning[]}
	/** The file as a whole cannot be used (torn write, not JSON, wrong shape). */
	| {ok: false; warning: RegistryWarning};

/**
Parses the text of `servers.json`. One bad entry never hides the good ones: it is skipped with a
warning naming the entry and the field.
*/
export function parseRegistryText(
	text: string,
	file: string,
): ParsedRegistryFile {
	const json = parseJson(text, file);
	if (!json.ok) {
		return json;
	}

	const shape = registryFileSchema.safeParse(json.value);
	if (!shape.success) {
		return {
			ok: false,
			warning: {file, message: 'expected an object {"servers": [...]}'},
		};
	}

	const servers: ServerEntry[] = [];
	const warnings: RegistryWarning[] = [];
	for (const [index, raw] of shape.data.servers.entries()) {
		const entry = parseEntry(raw, file, index);
		if (entry.ok) {
			servers.push(entry.value);
		} else {
			warnings.push(entry.warning);
		}
	}

	return {ok: true, servers, warnings};
}

/** Parses one `servers.d/<id>.json` file, which holds a single entry. */
export function parseDropInText(
	text: string,
	file: string,
): {ok: true; entry: ServerEntry} | {ok: false; warning: RegistryWarning} {
	const json = parseJson(text, file);
	if (!json.ok) {
		return json;
	}

	const entry = parseEntry(json.value, file, undefined);
	return entry.ok ? {ok: true, entry: entry.value} : entry;
}

function parseJson(
	text: string,
	file: string,
): {ok: true; value: unknown} | {ok: false; warning: RegistryWarning} {
	if (text.trim() === '') {
		return {ok: false, warning: {file, message: 'file is empty'}};
	}

	try {
		return {ok: true, value: JSON.parse(text) as unknown};
	} catch (error) {
		return {
			ok: false,
			warning: {
				file,
				message: `invalid JSON (${describeJsonError(error, text)})`,
			},
		};
	}
}

/** Node says "at position N"; people want a line and a column. */
function describeJsonError(error: unknown, text: string): string {
	const message = error instanceof Error ? error.message : String(error);
	const match = /position (\d+)/.exec(message);
	if (!match) {
		return message.includes('end of JSON')
			? 'cut off at the end'
			: message.split('\n')[0]!;
	}

	const position = Number(match[1]);
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `at line ${line}, column ${column}`;
}

function parseEntry(
	raw: unknown,
	file: string,
	index: number | undefined,
): {ok: true; value: ServerEntry} | {ok: false; warning: RegistryWarning} {
	const result = serverEntrySchema.safeParse(raw);
	if (result.success) {
		return {ok: true, value: result.data};
	}

	const id = readableId(raw);
	return {
		ok: false,
		warning: {
			file,
			...(index === undefined ? {} : {entryIndex: index}),
			...(id === undefined ? {} : {entryId: id}),
			...describeIssue(result.error),
		},
	};
}

function describeIssue(error: ZodError): {field?: string; message: string} {
	const issue = error.issues[0];
	if (!issue) {
		return {message: 'invalid entry'};
	}

	if (issue.path.length === 0) {
		return {message: 'expected an object with id, port and pid'};
	}

	const field = issue.path.map(String).join('.');
	// Zod's own wording for a missing field ("expected number, received undefined") reads oddly.
	const message =
		issue.code === 'invalid_type' &&
		issue.message.includes('received undefined')
			? 'is missing'
			: issue.message;
	return {field, message};
}

function readableId(raw: unknown): string | undefined {
	if (typeof raw === 'object' && raw !== null && 'id' in raw) {
		const {id} = raw;
		if (typeof id === 'string' && id !== '') {
			return id.slice(0, 200);
		}
	}

	return undefined;
}
