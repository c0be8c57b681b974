import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {waitFor} from './wait-for.js';

export const cliPath = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../dist/cli.js',
);

export type CliResult = {
	code: number | undefined;
	signal: NodeJS.Signals | undefined;
	stdout: string;
	stderr: string;
};

/** Runs the built CLI to completion, with a deadline. */
export async function runCli(
	arguments_: string[],
	options: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, [cliPath, ...arguments_], {
		env: {...process.env, ...options.env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return collect(child, options.timeoutMs ?? 15_000);
}

export async function collect(
	child: ChildProcess,
	timeoutMs: number,
): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`process did not finish within ${timeoutMs} ms; stderr: ${stderr}`,
				),
			);
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code: code ?? undefined,
				signal: signal ?? undefined,
				stdout,
				stderr,
			});
		});
	});
}

/** Starts the built CLI and leaves it running; the caller stops it. */
export function startCli(
	arguments_: string[],
	options: {env?: NodeJS.ProcessEnv} = {},
): ChildProcess & {output: () => string} {
	const child = spawn(process.execPath, [cliPath, ...arguments_], {
		env: {...process.env, ...options.env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	return Object.assign(child, {output: () => output});
}

/** Resolves when the process has exited (immediately if it already has). */
export async function exited(
	child: ChildProcess,
	timeoutMs = 10_000,
): Promise<number | undefined> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return child.exitCode ?? undefined;
	}

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			reject(new Error(`pid ${child.pid} did not exit within ${timeoutMs} ms`));
		}, timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code ?? undefined);
		});
	});
}

/**
Echo servers (`shipyard-tui serve`) as real child processes, registered in one registry. `start`
resolves once the server listens and is registered; `stopAll` kills whatever is still running.
*/
export function serveProcesses(registryPath: () => string) {
	const children: Array<ReturnType<typeof startCli>> = [];
	return {
		async start(id: string) {
			const child = startCli([
				'serve',
				'--id',
				id,
				'--registry',
				registryPath(),
			]);
			children.push(child);
			await waitFor(() => child.output().includes('WebSocket echo server'), {
				what: `${id} to listen`,
			});
			return child;
		},
		stopAll() {
			for (const child of children.splice(0)) {
				// A stopped (SIGSTOP) process must be continued to die cleanly.
				child.kill('SIGCONT');
				child.kill('SIGKILL');
			}
		},
	};
}
