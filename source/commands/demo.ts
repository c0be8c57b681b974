import {registerServer} from '../core/registry/register.js';
import {startChannelServer} from '../servers/channel-server.js';
import {startEchoServer} from '../servers/echo-server.js';
import {runMonitor, type MonitorOptions} from './monitor.js';
import {withTemporaryRegistry} from './temporary-registry.js';

const demoTopic = 'reasoning:demo';

/**
`shipyard-tui demo`: three echo servers and a channel server in a temporary registry, and the monitor
over them. Everything it started is stopped, and the folder removed, when the monitor exits.
*/
export async function runDemo(
	options: Omit<MonitorOptions, 'registryPath'>,
): Promise<number> {
	return withTemporaryRegistry('shipyard-demo-', async (registryPath) =>
		serveDemo(options, registryPath),
	);
}

async function serveDemo(
	options: Omit<MonitorOptions, 'registryPath'>,
	registryPath: string,
): Promise<number> {
	const stops: Array<() => Promise<void> | void> = [];
	try {
		for (const id of ['echo-alpha', 'echo-bravo', 'echo-charlie']) {
			// eslint-disable-next-line no-await-in-loop
			const server = await startEchoServer({id});
			const registration = registerServer(
				{id, port: server.port, host: server.host},
				{registryPath, unregisterOnExit: false},
			);
			stops.push(async () => {
				registration.unregister();
				await server.close();
			});
		}

		const channels = await startChannelServer({
			topic: demoTopic,
			intervalMs: 1500,
		});
		const registration = registerServer(
			{
				id: 'observatory',
				name: 'observatory',
				port: channels.port,
				host: channels.host,
				path: channels.path,
				meta: {kind: 'channel server'},
			},
			{registryPath, unregisterOnExit: false},
		);
		stops.push(async () => {
			registration.unregister();
			await channels.close();
		});

		return await runMonitor({
			...options,
			registryPath,
			subscriptions: [...(options.subscriptions ?? []), demoTopic],
		});
	} finally {
		await Promise.allSettled(stops.map(async (stop) => stop()));
	}
}
