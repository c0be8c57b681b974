/**
One end-to-end session: a temporary registry, the monitor (`dist/cli.js`) in a pseudo-terminal, and
the servers a test starts around it. `stop()` ends every process and server it started and removes
the folder; call it in `afterEach`.
*/
import fs from 'node:fs';
import {type ChildProcess} from 'node:child_process';
import {type WebSocket} from 'ws';
import {exited, startCli} from '../helpers/processes.js';
import {
	makeTemporaryFolder,
	registryText,
} from '../helpers/temporary-registry.js';
import {
	startTerminal,
	type Terminal,
	type TerminalOptions,
} from '../helpers/terminal.js';
import {waitFor} from '../helpers/wait-for.js';
import {startTestServer, type TestServer} from '../helpers/ws-servers.js';

/** A table row as the monitor draws it: marker, id, then the status glyph and word. */
export function rowPattern(
	id: string,
	status: 'connected' | 'stale' | 'reconnecting',
): RegExp {
	const glyph = {connected: '●', stale: '✕', reconnecting: '◌'}[status];
	return new RegExp(
		String.raw`^[ ▸] ${escapeRegExp(id)} +${glyph} ${status} +127\.0\.0\.1:\d+`,
		'm',
	);
}

/** A message line: `HH:MM:SS <server>  <arrow> <text>`; `text` is matched to the end of the line. */
export function messagePattern(
	server: string,
	arrow: '→' | '←' | '!',
	text: string,
): RegExp {
	return new RegExp(
		String.raw`^\d\d:\d\d:\d\d ${escapeRegExp(server)} +${arrow} ${escapeRegExp(text)} *$`,
		'm',
	);
}

/** The input line: `[all · N] › …`. */
export const promptPattern = /^\[all · \d+] › /;

/** Waits until the input line is on screen: the monitor is up and ready for keys. */
export async function waitForPrompt(
	terminal: Terminal,
	timeoutMs = 8000,
): Promise<void> {
	await terminal.waitFor(
		(screen) => screen.split('\n').some((line) => promptPattern.test(line)),
		{what: 'the prompt', timeoutMs},
	);
}

export function escapeRegExp(text: string): string {
	return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);
}

export function countMatches(text: string, pattern: RegExp): number {
	return [
		...text.matchAll(
			new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`),
		),
	].length;
}

type ServeProcess = ChildProcess & {output: () => string};

export type Session = {
	registryPath: string;
	/** Starts the monitor on this session's registry. */
	startMonitor(options?: TerminalOptions & {args?: string[]}): Terminal;
	/** Starts `shipyard-tui serve --id <id>` on this registry; resolves once it has registered. */
	serve(id: string): Promise<ServeProcess>;
	/** An in-process ws server; register it yourself with `writeRegistry`. */
	testServer(onConnection?: (socket: WebSocket) => void): Promise<TestServer>;
	/** Writes the registry file (by rename, as writers do). */
	writeRegistry(entries: unknown[]): void;
	stop(): Promise<void>;
};

export function createSession(): Session {
	const {registryPath, cleanup} = makeTemporaryFolder();
	const terminals: Terminal[] = [];
	const children: ServeProcess[] = [];
	const servers: TestServer[] = [];

	return {
		registryPath,
		startMonitor(options = {}) {
			const {args = [], ...terminalOptions} = options;
			const terminal = startTerminal(
				['--registry', registryPath, ...args],
				terminalOptions,
			);
			terminals.push(terminal);
			return terminal;
		},
		async serve(id) {
			const child = startCli(['serve', '--id', id, '--registry', registryPath]);
			children.push(child);
			await waitFor(
				() => {
					if (child.exitCode !== null || child.signalCode !== null) {
						throw new Error(`serve ${id} exited: ${child.output()}`);
					}

					return child.output().includes('WebSocket echo server');
				},
				{timeoutMs: 8000, what: `serve ${id} to register`},
			);
			return child;
		},
		async testServer(onConnection) {
			const server = await startTestServer(onConnection ? {onConnection} : {});
			servers.push(server);
			return server;
		},
		writeRegistry(entries) {
			const temporary = `${registryPath}.writing`;
			fs.writeFileSync(temporary, registryText(entries));
			fs.renameSync(temporary, registryPath);
		},
		async stop() {
			try {
				for (const terminal of terminals) {
					terminal.dispose();
				}

				await Promise.all(
					children.map(async (child) => {
						if (child.exitCode === null && child.signalCode === null) {
							child.kill('SIGKILL');
						}

						await exited(child);
					}),
				);
				await Promise.all(servers.map(async (server) => server.close()));
			} finally {
				cleanup();
			}
		},
	};
}
