import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';

export type RedisServer = {
	port: number;
	url: string;
	/** Stops it (SIGTERM) and waits for its exit. */
	stop(): Promise<void>;
	/** Stops it and starts a new, empty one on the same port. */
	restart(): Promise<void>;
};

/**
A real `redis-server` (the Debian package; `.ci/run` installs it) on a free loopback port, in a
temporary folder, keeping nothing on disk. Every test file starts its own and stops it.
*/
export async function startRedisServer(): Promise<RedisServer> {
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'shipyard-redis-'));
	const port = await freePort();
	let child = await launch(port, folder);
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		async stop() {
			await stopChild(child);
			await fs.rm(folder, {recursive: true, force: true});
		},
		async restart() {
			await stopChild(child);
			child = await launch(port, folder);
		},
	};
}

async function launch(port: number, folder: string): Promise<ChildProcess> {
	const child = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
		],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`redis-server did not start within 10 s:\n${output}`));
		}, 10_000);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(
				new Error(
					`cannot start redis-server (${error.message}); install it: apt-get install -y redis-server`,
				),
			);
		});
		const onEarlyExit = (code: number | null) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited with ${code}:\n${output}`));
		};

		child.once('exit', onEarlyExit);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ready to accept connections')) {
				clearTimeout(timer);
				child.off('exit', onEarlyExit);
				resolve();
			}
		});
	});
	child.stdout.resume();
	child.stderr.resume();
	return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise((resolve) => {
		child.once('exit', resolve);
	});
	child.kill('SIGTERM');
	await exited;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => {
				resolve(port);
			});
		});
	});
}

/**
One `redis-server` for the test file: started before its tests, stopped after. The returned function
gives the running one (a test may restart it, or stop it and start another).
*/
export function redisServerForFile(): {
	(): RedisServer;
	replace(next: RedisServer): void;
} {
	let redis: RedisServer | undefined;
	beforeAll(async () => {
		redis = await startRedisServer();
	}, 20_000);
	afterAll(async () => {
		await redis?.stop();
	});
	const current = () => {
		if (redis === undefined) {
			throw new Error('the test file’s redis-server is not running');
		}

		return redis;
	};

	return Object.assign(current, {
		replace(next: RedisServer) {
			redis = next;
		},
	});
}
