import {sanitizeLabel} from '../core/messages/sanitize.js';
import {formatWarning} from '../core/registry/warnings.js';
import {type MonitorSnapshot} from '../core/store.js';

/**
What the server table says while it has no rows: why (no file yet, a broken file, nobody registered)
and how to get some, since a first-time user has no server of their own yet.
*/
export function emptyTableNote(
	snapshot: Pick<MonitorSnapshot, 'registryFile' | 'warnings'>,
	registryLabel: string,
): string {
	const where = sanitizeLabel(registryLabel, 300);
	// Short enough for one row at 80 columns; the header shows the path servers register in.
	const howTo = 'start one: shipyard-tui serve (or try shipyard-tui demo)';
	if (snapshot.registryFile === 'stale') {
		const problem = snapshot.warnings[0];
		return `the registry file is broken${problem ? `: ${sanitizeLabel(formatWarning(problem), 300)}` : ''}; servers show again once it is fixed`;
	}

	if (snapshot.registryFile === 'missing') {
		return `no servers yet — ${howTo}; ${where} is created when one registers`;
	}

	return `no servers registered yet — ${howTo}`;
}
