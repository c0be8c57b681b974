import {z} from 'zod';

/**
One server's entry in the registry. The spike's fields (`id`, `port`, `pid`, `startedAt`) plus the
optional ones this project understands. Unknown fields are kept (`looseObject`), never an error, so
writers can add their own and a rewrite by our library does not lose them.
*/
export const serverEntrySchema = z.looseObject({
	id: z
		.string()
		.min(1, 'must not be empty')
		.max(200, 'is longer than 200 characters'),
	port: z.number().int().min(1).max(65_535),
	pid: z.number().int().positive(),
	/** ISO time the server started; optional because only uptime depends on it. */
	startedAt: z.string().optional(),
	/** Where to connect; default localhost, reached over IPv4 or IPv6. */
	host: z.string().min(1).optional(),
	/** WebSocket path; default `/`. */
	path: z.string().startsWith('/', 'must start with "/"').optional(),
	/** Sent as `Authorization: Bearer <token>`. */
	token: z.string().optional(),
	/** Display label. */
	name: z.string().optional(),
	/** Free-form data, shown in the detail view. */
	meta: z.record(z.string(), z.unknown()).optional(),
	/**
	Linux process start time (clock ticks after boot, field 22 of `/proc/<pid>/stat`), written by our
	library so that a reused PID is not taken for the server.
	*/
	procStart: z.number().int().nonnegative().optional(),
});

export type ServerEntry = z.infer<typeof serverEntrySchema>;

/** The registry file. Other top-level fields are kept when our library rewrites the file. */
export const registryFileSchema = z.looseObject({
	servers: z.array(z.unknown()),
});

export type RegistryFile = z.infer<typeof registryFileSchema>;
