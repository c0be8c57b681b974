import os from 'node:os';
import path from 'node:path';

export const configEnvironmentVariable = 'SHIPYARD_CONFIG';

export type ConfigLocation = {
	file: string;
	/** Why this file: named by $SHIPYARD_CONFIG (it must exist), or the usual place (it may not). */
	from: 'SHIPYARD_CONFIG' | 'XDG_CONFIG_HOME' | 'home';
};

/** `$SHIPYARD_CONFIG`, else `$XDG_CONFIG_HOME/shipyard/config.json`, else `~/.config/shipyard/config.json`. */
export function locateConfig(
	environment: NodeJS.ProcessEnv = process.env,
	home = os.homedir(),
): ConfigLocation {
	const named = environment[configEnvironmentVariable]?.trim();
	if (named) {
		return {
			file: path.resolve(
				named === '~' || named.startsWith('~/')
					? path.join(home, named.slice(1))
					: named,
			),
			from: 'SHIPYARD_CONFIG',
		};
	}

	// The XDG spec: a relative XDG_CONFIG_HOME is invalid and is ignored.
	const xdg = environment.XDG_CONFIG_HOME?.trim();
	if (xdg && path.isAbsolute(xdg)) {
		return {
			file: path.join(xdg, 'shipyard', 'config.json'),
			from: 'XDG_CONFIG_HOME',
		};
	}

	return {
		file: path.join(home, '.config', 'shipyard', 'config.json'),
		from: 'home',
	};
}
