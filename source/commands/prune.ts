import {sanitizeLabel} from '../core/messages/sanitize.js';
import {pruneRegistry} from '../core/registry/index.js';
import {safeJsonStringify} from '../core/safe-json.js';

export type PruneOptions = {
	registryPath: string;
	json: boolean;
	stdout?: NodeJS.WritableStream;
};

/** `shipyard-tui prune`: removes entries whose process is gone, and says which. */
export function runPrune(options: PruneOptions): number {
	const stdout = options.stdout ?? process.stdout;
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
