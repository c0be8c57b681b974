import {registryLimits} from '../bounds.js';
import {type RegistryLocation} from '../location.js';
import {parseRegistryText} from '../parse.js';
import {createRemoteSnapshots} from '../remote-snapshots.js';
import {type ServerEntry} from '../schema.js';
import {type RegistryWarning} from '../warnings.js';
import {type RegistrySource} from '../watch.js';

type HttpLocation = Extract<RegistryLocation, {kind: 'http'}>;

export type HttpWatchOptions = {
	maxServers?: number;
	/** Time between requests, in ms (default 1000). */
	intervalMs?: number;
	/** A request that takes longer is abandoned, in ms (default 5000). */
	timeoutMs?: number;
	/** Largest document read, in bytes (default 8 MiB, as for the file). */
	maxBytes?: number;
	now?: () => number;
};

/** The HTTP backend's counters, for the header and the tests: conditional requests pay off. */
export type HttpPollCounts = {requests: number; notModified: number};

/**
A registry served over HTTP as a JSON document in the registry format (the seed spike's Vite plugin
serves one at `/api/registry`). Polled with conditional requests (ETag / Last-Modified), so an
unchanged registry costs a 304 and no parse. As with a file, a broken or unreachable document keeps
the last good list, with a warning.
*/
export function watchHttpRegistry(
	location: HttpLocation,
	options: HttpWatchOptions = {},
): RegistrySource & {counts(): HttpPollCounts} {
	const now = options.now ?? Date.now;
	const maxBytes = options.maxBytes ?? registryLimits.maxFileBytes;
	const counts: HttpPollCounts = {requests: 0, notModified: 0};
	let servers: ServerEntry[] = [];
	let warnings: RegistryWarning[] = [];
	let etag: string | undefined;
	let lastModified: string | undefined;
	let closed = false;
	let timer: NodeJS.Timeout | undefined;
	let controller: AbortController | undefined;

	const snapshots = createRemoteSnapshots({
		kind: 'http',
		label: location.label,
		now,
		read: () => ({servers, warnings}),
	});
	const {setState} = snapshots;

	async function poll() {
		controller = new AbortController();
		const timeout = setTimeout(() => {
			controller?.abort();
		}, options.timeoutMs ?? 5000);
		counts.requests++;
		try {
			const response = await fetch(location.url, {
				headers: {
					accept: 'application/json',
					...(etag === undefined ? {} : {'if-none-match': etag}),
					...(lastModified === undefined
						? {}
						: {'if-modified-since': lastModified}),
				},
				signal: controller.signal,
				redirect: 'error',
			});
			if (response.status === 304) {
				counts.notModified++;
				await response.body?.cancel();
				setState('connected');
				return;
			}

			if (!response.ok) {
				await response.body?.cancel();
				setState('unreachable', `HTTP ${response.status}`);
				return;
			}

			const text = await readBounded(response, maxBytes);
			if (text === undefined) {
				warnings = [
					{
						file: location.label,
						message: `document is larger than ${maxBytes / 1024 / 1024} MiB; showing the last list`,
					},
				];
				setState('connected');
				return;
			}

			const parsed = parseRegistryText(text, location.label, {
				maxServers: options.maxServers,
			});
			if (parsed.ok) {
				servers = parsed.servers;
				warnings = parsed.warnings;
				// Validators only for a document we could use: a broken one is asked for again in full.
				etag = response.headers.get('etag') ?? undefined;
				lastModified = response.headers.get('last-modified') ?? undefined;
			} else {
				warnings = [
					{
						...parsed.warning,
						message: `${parsed.warning.message}; showing the last list`,
					},
				];
			}

			setState('connected');
			snapshots.loaded();
		} catch (error) {
			setState('unreachable', describeFetchError(error));
		} finally {
			clearTimeout(timeout);
			snapshots.publish();
		}
	}

	let running = poll();
	// The next request is asked for only after the last one ended: a slow server is never piled on.
	const next = () => {
		if (!closed) {
			timer = setTimeout(() => {
				running = poll().then(next);
			}, options.intervalMs ?? 1000);
			timer.unref();
		}
	};

	void running.then(next);

	return {
		current: snapshots.current,
		counts: () => ({...counts}),
		subscribe: snapshots.subscribe,
		async close() {
			closed = true;
			clearTimeout(timer);
			controller?.abort();
			snapshots.clear();
			await running;
		},
	};
}

/** The body as text, or undefined when it is larger than `maxBytes` (read no further). */
async function readBounded(
	response: Response,
	maxBytes: number,
): Promise<string | undefined> {
	const declared = Number(response.headers.get('content-length') ?? 0);
	if (declared > maxBytes) {
		await response.body?.cancel();
		return undefined;
	}

	const chunks: Uint8Array[] = [];
	let size = 0;
	// Node's types leave the chunks untyped; fetch's bodies are bytes.
	const reader = (
		response.body as ReadableStream<Uint8Array> | null
	)?.getReader();
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const read = await reader?.read();
		if (read === undefined || read.done) {
			break;
		}

		const chunk = read.value;
		size += chunk.byteLength;
		if (size > maxBytes) {
			// eslint-disable-next-line no-await-in-loop
			await reader?.cancel();
			return undefined;
		}

		chunks.push(chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}

function describeFetchError(error: unknown): string {
	const cause =
		error instanceof Error && error.cause instanceof Error
			? error.cause
			: error;
	const code =
		typeof cause === 'object' && cause !== null && 'code' in cause
			? String(cause.code)
			: undefined;
	if (code === 'ECONNREFUSED') {
		return 'connection refused';
	}

	if (error instanceof Error && error.name === 'AbortError') {
		return 'no answer in time';
	}

	const message = cause instanceof Error ? cause.message : String(cause);
	return message.slice(0, 200);
}
