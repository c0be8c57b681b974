import os from 'node:os';
import path from 'node:path';

export const registryEnvironmentVariable = 'SHIPYARD_REGISTRY';

export type RegistryPathOptions = {
	/** The `--registry` flag, if given. */
	flag?: string | undefined;
	/** Defaults to `process.env`. */
	env?: NodeJS.ProcessEnv;
	/** Defaults to `os.homedir()`. */
	home?: string;
};

/**
`--registry`, else `SHIPYARD_REGISTRY`, else `~/.shipyard/servers.json`; a path is made absolute, a
URL (`redis://…`, see location.ts) is returned as it is.
*/
export function resolveRegistryPath(options: RegistryPathOptions = {}): string {
	const environment = options.env ?? process.env;
	const chosen =
		nonEmpty(options.flag) ??
		nonEmpty(environment[registryEnvironmentVariable]) ??
		path.join(options.home ?? os.homedir(), '.shipyard', 'servers.json');
	if (isRegistryUrl(chosen)) {
		return chosen.trim();
	}

	return path.resolve(expandHome(chosen, options.home ?? os.homedir()));
}

/** `scheme://…`: a registry that is not a file. A path that must start so is written `./x://`. */
export function isRegistryUrl(value: string): boolean {
	return /^[a-z][a-z\d+.-]*:\/\//i.test(value.trim());
}

/** The one-entry-per-file folder beside the registry file. */
export function registryDropInFolder(registryPath: string): string {
	return path.join(path.dirname(registryPath), 'servers.d');
}

/** `~/x` → home + x, as a shell would, so a quoted flag still works. */
function expandHome(value: string, home: string): string {
	if (value === '~') {
		return home;
	}

	return value.startsWith('~/') ? path.join(home, value.slice(2)) : value;
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value;
}

/** Shortens the home folder to `~` for display. */
export function displayPath(value: string, home = os.homedir()): string {
	return value === home || value.startsWith(home + path.sep)
		? '~' + value.slice(home.length)
		: value;
}
