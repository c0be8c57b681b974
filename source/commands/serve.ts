import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {formatWarning} from '../core/registry/index.js';
import {describeIssue} from '../core/registry/parse.js';
import {permissionWarnings} from '../core/registry/permissions.js';
import {errorCode} from '../core/registry/io-errors.js';
import {serverEntrySchema} from '../core/registry/schema.js';
import {startEchoServer} from '../servers/echo-server.js';
import {isLoopbackHost} from '../servers/origin.js';
import {
	registerForServe,
	type ServeRegistration,
} from './serve-registration.js';

export type ServeOptions = {
	registryPath: string;
	id?: string;
	port?: number;
	host?: string;
	path?: string;
	name?: string;
	/** `--ca`: authorities for a `rediss://` registry. */
	tlsCa?: string[];
	stderr?: NodeJS.WritableStream;
};

/**
`shipyard-tui serve`: an echo server that registers itself and unregisters on exit, SIGINT and
SIGTERM. Resolves with the exit code once it has stopped: 2 for bad flags (checked before
anything is bound), 1 when it cannot listen or register.
*/
export async function runServe(options: ServeOptions): Promise<number> {
	const stderr = options.stderr ?? process.stderr;
	const id =
		options.id ?? `server-${Date.now()}-${randomBytes(3).toString('hex')}`;
	const host = options.host ?? '127.0.0.1';
	const flagError = checkServeFlags({...options, id, host});
	if (flagError) {
		stderr.write(
			`shipyard-tui serve: ${flagError}\nRun "shipyard-tui --help" for usage.\n`,
		);
		return 2;
	}

	const exposure = exposureWarning(host);
	if (exposure) {
		stderr.write(`shipyard-tui serve: warning: ${exposure}\n`);
	}

	let server;
	try {
		server = await startEchoServer({
			id,
			port: options.port ?? 0,
			host,
			...(options.path === undefined ? {} : {path: options.path}),
		});
	} catch (error) {
		stderr.write(
			`shipyard-tui serve: cannot listen on ${sanitizeLabel(host, 300)}:${options.port ?? 0}: ${oneLine(error)}\n`,
		);
		return 1;
	}

	let registration: ServeRegistration;
	try {
		registration = await registerForServe(
			options.registryPath,
			{
				id,
				port: server.port,
				host: server.host,
				...(options.path === undefined ? {} : {path: options.path}),
				...(options.name === undefined ? {} : {name: options.name}),
			},
			options.tlsCa,
		);
	} catch (error) {
		stderr.write(
			`shipyard-tui serve: cannot register in ${sanitizeLabel(options.registryPath, 500)}: ${describeWriteError(error)}\n`,
		);
		await server.close();
		return 1;
	}

	for (const warning of registration.file === undefined
		? []
		: permissionWarnings(
				registration.file,
				statOrUndefined(registration.file),
			)) {
		stderr.write(
			`shipyard-tui serve: warning: ${sanitizeLabel(formatWarning(warning), 1000)}\n`,
		);
	}

	process.stdout.write(
		`[${sanitizeLabel(id, 200)}] WebSocket echo server on ws://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}${sanitizeLabel(options.path ?? '/', 300)} (registered in ${sanitizeLabel(registration.label, 500)})\n`,
	);

	return new Promise<number>((resolve) => {
		const stop = (signal: NodeJS.Signals) => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			void Promise.all([registration.unregister(), server.close()]).then(() => {
				resolve(signal === 'SIGINT' ? 130 : 0);
			});
		};

		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}

const flagOf: Record<string, string> = {
	id: '--id',
	host: '--host',
	path: '--path',
	name: '--name',
};

/**
The registry's own schema judges the flags, before anything is bound: what `serve` would register
must be something the monitor can connect to (issue 9, item 10).
*/
export function checkServeFlags(options: {
	id: string;
	host: string;
	path?: string | undefined;
	name?: string | undefined;
}): string | undefined {
	const result = serverEntrySchema.safeParse({
		id: options.id,
		port: 1,
		pid: process.pid,
		host: options.host,
		...(options.path === undefined ? {} : {path: options.path}),
		...(options.name === undefined ? {} : {name: options.name}),
	});
	if (result.success) {
		return undefined;
	}

	const {field, message} = describeIssue(result.error);
	const flag = field === undefined ? undefined : flagOf[field];
	const value =
		field === undefined
			? undefined
			: (options as Record<string, unknown>)[field];
	return flag === undefined
		? message
		: `${flag} ${message}, got ${sanitizeLabel(JSON.stringify(value) ?? '', 200)}`;
}

/** Says so when the server can be reached from other machines. */
export function exposureWarning(host: string): string | undefined {
	if (isLoopbackHost(host)) {
		return undefined;
	}

	const bare = host.replace(/^\[(.*)]$/, '$1');
	return bare === '0.0.0.0' || bare === '::'
		? `--host ${bare} listens on every network interface: other machines can connect to this echo server (leave --host out to stay on 127.0.0.1)`
		: `--host ${sanitizeLabel(host, 300)} is not a loopback address: other machines may connect to this echo server`;
}

function statOrUndefined(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file);
	} catch {
		return undefined;
	}
}

const writeErrors: Record<string, string> = {
	EACCES:
		'permission denied (choose a folder you can write with --registry or SHIPYARD_REGISTRY)',
	EPERM:
		'permission denied (choose a folder you can write with --registry or SHIPYARD_REGISTRY)',
	ENOTDIR: 'part of the path is a file, not a folder',
	EROFS: 'the file system is read-only',
	ENOSPC: 'no space left on the device',
};

function describeWriteError(error: unknown): string {
	return writeErrors[errorCode(error) ?? ''] ?? oneLine(error);
}

function oneLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return sanitizeLabel(message.split('\n')[0]!, 500);
}
