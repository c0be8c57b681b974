import {sanitizeLabel} from '../core/messages/sanitize.js';
import {formatWarning} from '../core/registry/warnings.js';
import {type MonitorSnapshot} from '../core/store.js';

/**
What the server table says while it has no rows: why (no file yet, a broken file, nobody registered)
and how to get some, since a first-time user has no server of their own yet. The header shows
where servers register (and that the file is not created yet, when it is not).
*/
export function emptyTableNote(
	snapshot: Pick<MonitorSnapshot, 'registryFile' | 'warnings'>,
): string {
	// Short enough for one row at 80 columns; the header shows the path servers register in.
	const howTo = 'start one: shipyard-tui serve (or try shipyard-tui demo)';
	if (snapshot.registryFile === 'stale') {
		// The warning about the file as a whole (not one of its entries) says what broke it.
		const problem =
			snapshot.warnings.find((warning) => warning.entryIndex === undefined) ??
			snapshot.warnings[0];
		return `the registry file is broken${problem ? `: ${sanitizeLabel(formatWarning(problem), 300)}` : ''}; servers show again once it is fixed`;
	}

	return `no servers registered yet — ${howTo}`;
}
