import {watchHttpRegistry, type HttpWatchOptions} from './http/watch-http.js';
import {parseRegistryUrl} from './location.js';
import {displayPath, isRegistryUrl} from './paths.js';
import {readRegistry, type RegistrySnapshot} from './read.js';
import {
	watchRedisRegistry,
	type RedisWatchOptions,
} from './redis/watch-redis.js';
import {
	watchRegistry,
	type RegistrySource,
	type WatchOptions,
} from './watch.js';

export type OpenRegistryOptions = WatchOptions &
	RedisWatchOptions &
	HttpWatchOptions;

/**
The registry a command reads, from what `resolveRegistryPath` chose: a file, or a URL. A URL that
does not parse throws with a message made to be shown as it is (the CLI checks it first).
*/
export function openRegistry(
	registry: string,
	options: OpenRegistryOptions = {},
): RegistrySource {
	if (!isRegistryUrl(registry)) {
		return watchRegistry(registry, options);
	}

	const parsed = parseRegistryUrl(registry);
	if (!parsed.ok) {
		throw new Error(parsed.message);
	}

	return parsed.location.kind === 'redis'
		? watchRedisRegistry(parsed.location, options)
		: watchHttpRegistry(parsed.location, options);
}

/**
The registry once, for commands that read it once (`list`, `send`). A remote registry is given
`timeoutMs` to answer; after that the snapshot says it is unreachable (`backend`) and lists nothing.
*/
export async function readRegistryOnce(
	registry: string,
	options: OpenRegistryOptions & {timeoutMs?: number} = {},
): Promise<RegistrySnapshot> {
	if (!isRegistryUrl(registry)) {
		return readRegistry(registry, options);
	}

	const source = openRegistry(registry, options);
	try {
		return await new Promise<RegistrySnapshot>((resolve) => {
			const loaded = (snapshot: RegistrySnapshot) =>
				snapshot.backend?.loadedAt !== undefined;
			const timer = setTimeout(() => {
				resolve(source.current());
			}, options.timeoutMs ?? 5000);
			const unsubscribe = source.subscribe((snapshot) => {
				if (loaded(snapshot)) {
					clearTimeout(timer);
					unsubscribe();
					resolve(snapshot);
				}
			});
		});
	} finally {
		await source.close();
	}
}

/** `--ca` as the registry clients take it: the connections' `tlsCa`, as a list. */
export function registryCa(
	tlsCa: string | Buffer | Array<string | Buffer> | undefined,
): {ca?: Array<string | Buffer>} {
	return tlsCa === undefined ? {} : {ca: [tlsCa].flat()};
}

/** What the screen and messages call the registry: `~/…` for a file, the URL without secrets. */
export function registryLabel(registry: string): string {
	if (!isRegistryUrl(registry)) {
		return displayPath(registry);
	}

	const parsed = parseRegistryUrl(registry);
	return parsed.ok ? parsed.location.label : 'registry URL (invalid)';
}

/** The problem with a registry URL, to refuse it before anything starts; none for a file. */
export function registryProblem(registry: string): string | undefined {
	if (!isRegistryUrl(registry)) {
		return undefined;
	}

	const parsed = parseRegistryUrl(registry);
	return parsed.ok ? undefined : parsed.message;
}
