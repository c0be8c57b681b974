import {sanitizeLabel} from '../core/messages/sanitize.js';
import {formatWarning, pruneRegistry} from '../core/registry/index.js';
import {isRegistryUrl} from '../core/registry/paths.js';
import {permissionWarnings} from '../core/registry/permissions.js';
import {safeJsonStringify} from '../core/safe-json.js';

export type PruneOptions = {
	registryPath: string;
	json: boolean;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/** `shipyard-tui prune`: removes entries whose process is gone, and says which. */
export function runPrune(options: PruneOptions): number {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	if (isRegistryUrl(options.registryPath)) {
		stderr.write(
			'shipyard-tui prune: works on a registry file; entries in a team registry end with their lease\n',
		);
		return 2;
	}

	// The file is about to be rewritten: say so if others could have planted what it holds.
	for (const warning of permissionWarnings(options.registryPath)) {
		stderr.write(`warning: ${sanitizeLabel(formatWarning(warning), 1000)}\n`);
	}

	const pruned = pruneRegistry({registryPath: options.registryPath});
	if (options.json) {
		stdout.write(safeJsonStringify({pruned}) + '\n');
		return 0;
	}

	if (pruned.length === 0) {
		stdout.write('Nothing to prune: every registered process is alive.\n');
	}

	for (const entry of pruned) {
		stdout.write(
			`removed ${sanitizeLabel(entry.id, 200)} (pid ${entry.pid}: ${entry.reason})\n`,
		);
	}

	return 0;
}
