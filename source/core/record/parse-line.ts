// A namespace import, not `{z}`: esbuild then bundles only the parts of zod used here (`{z}` is one
// object holding all of zod, its 40 locales too: 450 KB to compile at every start instead of 85 KB).
import * as z from 'zod';

/** The longest line `replay` reads; a longer one is reported and skipped, never held whole. */
export const maxLineLength = 4 * 1024 * 1024;
/** The largest frame replayed: the monitor's default `--max-payload`. */
export const maxFrameBytes = 1024 * 1024;

/** What `replay` needs of one recorded line. */
export type ReplayLine =
	| {
			kind: 'frame';
			time: number;
			server: string;
			direction: 'in' | 'out';
			binary: boolean;
			data: Buffer;
			/** True when the line had no `data` and its (escaped, bounded) preview text stands in. */
			approximate: boolean;
	  }
	| {
			kind: 'registry';
			time: number;
			servers: Array<{id: string; name?: string; path?: string}>;
	  }
	/** A system event, state change or the recording's own lines: their time only. */
	| {kind: 'other'; time: number};

export type ParsedLine =
	{ok: true; line: ReplayLine} | {ok: false; error: string};

const serverId = z.string().min(1).max(200);
const time = z
	.string()
	.max(100)
	.transform((text, context) => {
		const value = Date.parse(text);
		if (!Number.isFinite(value)) {
			context.issues.push({
				code: 'custom',
				message: 'is not a time',
				input: text,
			});
			return z.NEVER;
		}

		return value;
	});
const base64 = z
	.string()
	.max(Math.ceil(maxFrameBytes / 3) * 4)
	.regex(/^[A-Za-z\d+/]*={0,2}$/, 'is not base64');
const messageSchema = z.object({
	type: z.literal('message'),
	time,
	server: serverId,
	direction: z.enum(['in', 'out']),
	kind: z.string().max(20),
	text: z.string().max(maxLineLength).optional(),
	data: base64.optional(),
});
const registrySchema = z.object({
	type: z.literal('registry'),
	time,
	servers: z
		.array(
			z.looseObject({
				id: serverId,
				name: z.unknown().optional(),
				path: z.unknown().optional(),
			}),
		)
		.max(100_000),
});
/** A WebSocket path as the registry takes it: a slash, then printable ASCII. */
const pathPattern = /^\/[\u0021-\u007E]{0,2000}$/;
const otherSchema = z.object({
	type: z.enum(['system', 'state', 'record']),
	time,
});

/**
Reads one line of a recording (the `--json` schema): hostile input, like everything read from a
file someone sent. Never throws; a line that is not what a recording holds gets the reason (which
field), and the caller reports it with its line number and goes on.
*/
export function parseRecordLine(text: string): ParsedLine {
	if (text.length > maxLineLength) {
		return {
			ok: false,
			error: `the line is longer than ${maxLineLength} characters`,
		};
	}

	let value: unknown;
	try {
		value = JSON.parse(text) as unknown;
	} catch {
		return {ok: false, error: 'not JSON'};
	}

	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {ok: false, error: 'not a JSON object'};
	}

	const {type} = value as {type?: unknown};
	const schema =
		type === 'message'
			? messageSchema
			: type === 'registry'
				? registrySchema
				: otherSchema;
	const parsed = schema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = issue.path.join('.');
		return {
			ok: false,
			error: field === '' ? issue.message : `${field}: ${issue.message}`,
		};
	}

	return toLine(parsed.data);
}

function toLine(
	data:
		| z.infer<typeof messageSchema>
		| z.infer<typeof registrySchema>
		| z.infer<typeof otherSchema>,
): ParsedLine {
	if (data.type === 'registry') {
		return {
			ok: true,
			line: {
				kind: 'registry',
				time: data.time,
				servers: data.servers.map((entry) => ({
					id: entry.id,
					// Labels only: a bad one is left out, never a reason to drop the server.
					...(typeof entry.name === 'string' && entry.name.length <= 1000
						? {name: entry.name}
						: {}),
					...(typeof entry.path === 'string' && pathPattern.test(entry.path)
						? {path: entry.path}
						: {}),
				})),
			},
		};
	}

	if (data.type !== 'message') {
		return {ok: true, line: {kind: 'other', time: data.time}};
	}

	const binary = data.kind === 'binary';
	if (data.data === undefined && (binary || data.text === undefined)) {
		return {
			ok: false,
			error: binary
				? 'a binary frame without data (record with --record, not --json)'
				: 'a frame with neither data nor text',
		};
	}

	const bytes =
		data.data === undefined
			? Buffer.from(data.text!)
			: Buffer.from(data.data, 'base64');
	if (bytes.length > maxFrameBytes) {
		return {
			ok: false,
			error: `the frame is larger than ${maxFrameBytes} bytes`,
		};
	}

	return {
		ok: true,
		line: {
			kind: 'frame',
			time: data.time,
			server: data.server,
			direction: data.direction,
			binary,
			data: bytes,
			approximate: data.data === undefined,
		},
	};
}
