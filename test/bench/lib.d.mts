// Types for what the tests use of lib.mjs (the bench's helpers).

export type Child = {
	pid: number | undefined;
	ready: Promise<void>;
	errors: string[];
	request(
		cmd: string,
		payload?: Record<string, unknown>,
		timeoutMs?: number,
	): Promise<Record<string, unknown>>;
	stop(graceMs?: number): Promise<void>;
	kill(): void;
};

export function startChild(
	file: string,
	arguments_?: string[],
	options?: {readyTimeoutMs?: number},
): Child;

export function occurrenceCounter(needle: string): {
	add(data: string): void;
	count(): number;
};
