import {ageMs, formatDuration} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {displayAddress} from '../core/registry/address.js';
import {
	formatWarning,
	probeProcess,
	readRegistry,
} from '../core/registry/index.js';
import {redactEntry} from '../core/redact.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {renderTextTable} from '../core/text-table.js';

export type ListOptions = {
	registryPath: string;
	/** Registry entries listed (`--max-servers`). */
	maxServers?: number;
	json: boolean;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/** `shipyard-tui list`: the registry once, with liveness. Warnings go to stderr. */
export function runList(options: ListOptions): number {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const snapshot = readRegistry(options.registryPath, {
		maxServers: options.maxServers,
	});
	const now = Date.now();
	const servers = snapshot.servers.map((entry) => {
		const probe = probeProcess(entry.pid, entry.procStart);
		return {entry, probe};
	});

	if (options.json) {
		stdout.write(
			// Safe JSON: ids, names and meta from the registry may hold C1 or bidi controls.
			safeJsonStringify({
				registry: snapshot.path,
				servers: servers.map(({entry, probe}) => ({
					// Tokens and other secret-named fields: say that there is one, never what it is.
					...redactEntry(entry),
					status: probe.alive ? 'alive' : 'stale',
					...(probe.alive ? {} : {staleReason: probe.reason}),
				})),
				warnings: snapshot.warnings.map((warning) => ({
					...warning,
					text: formatWarning(warning),
				})),
			}) + '\n',
		);
	} else if (servers.length === 0) {
		stdout.write(
			`No servers in ${sanitizeLabel(snapshot.path, 500)}${snapshot.file === 'missing' ? ' (the file does not exist yet)' : ''}.\n`,
		);
	} else {
		const rows = servers.map(({entry, probe}) => [
			sanitizeLabel(entry.name ?? entry.id, 60),
			sanitizeLabel(displayAddress(entry), 60),
			String(entry.pid),
			formatDuration(ageMs(entry.startedAt, now) ?? Number.NaN),
			probe.alive ? 'alive' : `stale (${probe.reason})`,
		]);
		stdout.write(
			renderTextTable(['ID', 'ADDRESS', 'PID', 'AGE', 'STATUS'], rows) + '\n',
		);
	}

	for (const warning of snapshot.warnings) {
		stderr.write(`warning: ${sanitizeLabel(formatWarning(warning), 1000)}\n`);
	}

	return 0;
}
