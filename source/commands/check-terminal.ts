type Invocation = {
	command: string;
	json: boolean;
	/** Whether stdin and stdout are both terminals, so the monitor would draw the screen. */
	isTerminal: boolean;
	environment: Readonly<Record<string, string | undefined>>;
};

/**
Why the full-screen monitor cannot run in this terminal, or undefined when it can (or will not draw).
`TERM=dumb` (Emacs shell buffers, editors' output panes, some log viewers) cannot switch to the
alternate screen or move the cursor, so every frame would pile up as garbage; the headless commands
work there, so say which.
*/
export function terminalRefusal({
	command,
	json,
	isTerminal,
	environment,
}: Invocation): string | undefined {
	const drawsScreen =
		isTerminal && ((command === 'monitor' && !json) || command === 'demo');
	const term = (environment.TERM ?? '').trim().toLowerCase();
	if (!drawsScreen || term !== 'dumb') {
		return undefined;
	}

	return 'shipyard-tui needs a terminal that can move the cursor (TERM=dumb); use `shipyard-tui --json` or `shipyard-tui list`\n';
}
