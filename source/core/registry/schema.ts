// A namespace import, not `{z}`: esbuild then bundles only the parts of zod used here (`{z}` is one
// object holding all of zod, its 40 locales too: 450 KB to compile at every start instead of 85 KB).
import * as z from 'zod';
import {hostProblem, pathProblem, tokenProblem} from './entry-fields.js';

/** A string checked by one of the `*Problem` functions, whose answer becomes zod's message. */
function checkedString(problem: (value: string) => string | undefined) {
	return z.string().check((context) => {
		const message = problem(context.value);
		if (message !== undefined) {
			context.issues.push({
				code: 'custom',
				message,
				input: context.value,
			});
		}
	});
}

/**
One server's entry in the registry. The spike's fields (`id`, `port`, `pid`, `startedAt`) plus the
optional ones this project understands. Unknown fields are kept (`looseObject`), never an error, so
writers can add their own and a rewrite by our library does not lose them; the parser bounds their
depth and size first (see bounds.ts). Fields that go into a URL or a header are checked here, so an
entry that passes can always be connected to.
*/
export const serverEntrySchema = z.looseObject({
	id: z
		.string()
		.min(1, 'must not be empty')
		.max(200, 'is longer than 200 characters'),
	port: z.number().int().min(1).max(65_535),
	pid: z.number().int().positive(),
	/** ISO time the server started; optional because only uptime depends on it. */
	startedAt: z.string().max(100, 'is longer than 100 characters').optional(),
	/** Where to connect; default localhost, reached over IPv4 or IPv6. */
	host: checkedString(hostProblem).optional(),
	/** WebSocket path; default `/`. */
	path: checkedString(pathProblem).optional(),
	/** Sent as `Authorization: Bearer <token>`. */
	token: checkedString(tokenProblem).optional(),
	/** Display label. */
	name: z.string().max(1000, 'is longer than 1000 characters').optional(),
	/** Free-form data, shown in the detail view. */
	meta: z.record(z.string(), z.unknown()).optional(),
	/**
	Linux process start time (clock ticks after boot, field 22 of `/proc/<pid>/stat`), written by our
	library so that a reused PID is not taken for the server.
	*/
	procStart: z.number().int().nonnegative().optional(),
	/**
	The machine the server runs on (`localHostId()` of its writer). Only entries of the monitor's own
	machine, or with no `hostId`, are checked by pid; others live as long as their registry says.
	*/
	hostId: z
		.string()
		.min(1)
		.max(200, 'is longer than 200 characters')
		.optional(),
});

/**
An entry as `serverEntrySchema` returns it. Written out rather than `z.infer`red so that the
package's type declarations need no zod (the package bundles zod and installs no dependency);
test/install/library-types.test.ts checks that it stays equal to the schema's output.
*/
export type ServerEntry = {
	[field: string]: unknown;
	id: string;
	port: number;
	pid: number;
	startedAt?: string;
	host?: string;
	path?: string;
	token?: string;
	name?: string;
	meta?: Record<string, unknown>;
	procStart?: number;
	hostId?: string;
};

/** The registry file. Other top-level fields are kept when our library rewrites the file. */
export const registryFileSchema = z.looseObject({
	servers: z.array(z.unknown()),
});

export type RegistryFile = z.infer<typeof registryFileSchema>;
