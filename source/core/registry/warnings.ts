/** A problem found in the registry, precise enough to fix: which file, which entry, which field. */
export type RegistryWarning = {
	/** The file the problem is in. */
	file: string;
	/** Index of the entry in `servers`, when the problem is one entry. */
	entryIndex?: number;
	/** The entry's id, when it has a readable one. */
	entryId?: string;
	/** Dotted path of the field, when the problem is one field. */
	field?: string;
	/** What is wrong, in words. */
	message: string;
};

/** One line a person can read: `servers.json: entry 2 "api": field "port": expected number`. */
export function formatWarning(warning: RegistryWarning): string {
	const parts = [warning.file];
	if (warning.entryIndex !== undefined || warning.entryId !== undefined) {
		const index =
			warning.entryIndex === undefined ? '' : ` ${warning.entryIndex}`;
		const id =
			warning.entryId === undefined
				? ''
				: ` ${JSON.stringify(warning.entryId)}`;
		parts.push(`entry${index}${id}`);
	}

	if (warning.field !== undefined) {
		parts.push(`field "${warning.field}"`);
	}

	parts.push(warning.message);
	return parts.join(': ');
}
