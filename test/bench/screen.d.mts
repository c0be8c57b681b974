// Types for what the tests use of screen.mjs (reading the TUI's emulated screen).

export function headerCounts(term: {
	line(row: number): string;
}): Partial<
	Record<
		| 'servers'
		| 'connected'
		| 'connecting'
		| 'reconnecting'
		| 'rejected'
		| 'unreachable'
		| 'stale',
		number
	>
>;
