import {type ZodError} from 'zod';
import {boundEntryFields, registryLimits, type DroppedField} from './bounds.js';
import {
	registryFileSchema,
	serverEntrySchema,
	type ServerEntry,
} from './schema.js';
import {type RegistryWarning} from './warnings.js';

export type ParseOptions = {
	/**
	Stop after this many good entries (default: 256, `registryLimits.maxServers`); the ones after are
	counted in `omitted`, not examined, so a file of a million entries costs no more than the limit.
	*/
	maxServers?: number;
};

export type ParsedRegistryFile =
	| {
			ok: true;
			servers: ServerEntry[];
			warnings: RegistryWarning[];
			/** Entries after the first `maxServers` good ones, left unexamined. */
			omitted: number;
			/** Entries in the file, good or bad, examined or not. */
			total: number;
	  }
	/** The file as a whole cannot be used (torn write, not JSON, wrong shape). */
	| {ok: false; warning: RegistryWarning};

/**
Parses the text of `servers.json`. One bad entry never hides the good ones: it is skipped with a
warning naming the entry and the field.
*/
export function parseRegistryText(
	text: string,
	file: string,
	options: ParseOptions = {},
): ParsedRegistryFile {
	const maxServers = options.maxServers ?? registryLimits.maxServers;
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
	const all = shape.data.servers;
	let index = 0;
	for (; index < all.length && servers.length < maxServers; index++) {
		const entry = parseEntry(all[index], file, index);
		warnings.push(...entry.warnings);
		if (entry.ok) {
			servers.push(entry.value);
		}
	}

	return {
		ok: true,
		servers,
		warnings: capWarnings(warnings, file),
		omitted: all.length - index,
		total: all.length,
	};
}

/** A file of thousands of bad entries gets a readable list, not thousands of lines. */
function capWarnings(
	warnings: RegistryWarning[],
	file: string,
): RegistryWarning[] {
	const max = registryLimits.maxWarningsPerFile;
	if (warnings.length <= max) {
		return warnings;
	}

	return [
		...warnings.slice(0, max),
		{file, message: `${warnings.length - max} more problems not listed`},
	];
}

/** Parses one `servers.d/<id>.json` file, which holds a single entry. */
export function parseDropInText(
	text: string,
	file: string,
):
	| {ok: true; entry: ServerEntry; warnings: RegistryWarning[]}
	| {ok: false; warning: RegistryWarning} {
	const json = parseJson(text, file);
	if (!json.ok) {
		return json;
	}

	const entry = parseEntry(json.value, file, undefined);
	return entry.ok
		? {ok: true, entry: entry.value, warnings: entry.warnings}
		: {ok: false, warning: entry.warnings.at(-1)!};
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

/**
Node says "at position N"; people want a line and a column. V8's other messages quote the text around
the error (`Unexpected token 'h', "{"token": hunter2}" is not valid JSON`), which may hold a secret
or escape sequences, so they are never repeated.
*/
function describeJsonError(error: unknown, text: string): string {
	const message = error instanceof Error ? error.message : String(error);
	const match = /position (\d+)/.exec(message);
	if (!match) {
		return /end of json|unterminated/i.test(message)
			? 'cut off at the end'
			: 'not valid JSON';
	}

	const position = Number(match[1]);
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `at line ${line}, column ${column}`;
}

/**
One entry: its free-form fields bounded first (a dropped field is a warning, the entry stays), then
the schema. A rejected entry's warning is always the last one.
*/
function parseEntry(
	raw: unknown,
	file: string,
	index: number | undefined,
):
	| {ok: true; value: ServerEntry; warnings: RegistryWarning[]}
	| {ok: false; warnings: RegistryWarning[]} {
	const id = readableId(raw);
	const where = {
		file,
		...(index === undefined ? {} : {entryIndex: index}),
		...(id === undefined ? {} : {entryId: id}),
	};
	const bounded = boundEntryFields(raw);
	const warnings = bounded.dropped.map((dropped) =>
		droppedWarning(dropped, where),
	);
	const result = serverEntrySchema.safeParse(bounded.value);
	if (result.success) {
		return {ok: true, value: result.data, warnings};
	}

	return {
		ok: false,
		warnings: [...warnings, {...where, ...describeIssue(result.error)}],
	};
}

function droppedWarning(
	{field, reason}: DroppedField,
	where: Omit<RegistryWarning, 'message'>,
): RegistryWarning {
	return {
		...where,
		field: field.length > 100 ? `${field.slice(0, 100)}…` : field,
		message:
			reason === 'depth'
				? `nested deeper than ${registryLimits.maxDepth} levels; field dropped`
				: `makes the entry larger than ${registryLimits.maxEntryBytes / 1024} KiB; field dropped`,
	};
}

export function describeIssue(error: ZodError): {
	field?: string;
	message: string;
} {
	const issue = error.issues[0];
	if (!issue) {
		return {message: 'invalid entry'};
	}

	if (issue.path.length === 0) {
		return {message: 'expected an object with id, port and pid'};
	}

	const field = issue.path.map((part) => String(part).slice(0, 100)).join('.');
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
