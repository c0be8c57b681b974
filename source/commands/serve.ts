import {randomBytes} from 'node:crypto';
import {registerServer} from '../core/registry/index.js';
import {startEchoServer} from '../servers/echo-server.js';

export type ServeOptions = {
	registryPath: string;
	id?: string;
	port?: number;
	host?: string;
	path?: string;
	name?: string;
};

/**
`shipyard-tui serve`: an echo server that registers itself and unregisters on exit, SIGINT and
SIGTERM. Resolves with the exit code once it has stopped.
*/
export async function runServe(options: ServeOptions): Promise<number> {
	const id =
		options.id ?? `server-${Date.now()}-${randomBytes(3).toString('hex')}`;
	let server;
	try {
		server = await startEchoServer({
			id,
			port: options.port ?? 0,
			host: options.host ?? '127.0.0.1',
			...(options.path === undefined ? {} : {path: options.path}),
		});
	} catch (error) {
		process.stderr.write(
			`shipyard-tui serve: cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		return 1;
	}

	const registration = registerServer(
		{
			id,
			port: server.port,
			host: server.host,
			...(options.path === undefined ? {} : {path: options.path}),
			...(options.name === undefined ? {} : {name: options.name}),
		},
		{registryPath: options.registryPath},
	);
	process.stdout.write(
		`[${id}] WebSocket echo server on ws://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}${options.path ?? '/'} (registered in ${registration.registryPath})\n`,
	);

	return new Promise<number>((resolve) => {
		const stop = (signal: NodeJS.Signals) => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			registration.unregister();
			void server.close().then(() => {
				resolve(signal === 'SIGINT' ? 130 : 0);
			});
		};

		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
