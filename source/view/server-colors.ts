/** Distinct, readable foreground colours for server labels (no red/green: those mean status). */
const palette = [
	'cyan',
	'magenta',
	'blue',
	'yellow',
	'cyanBright',
	'magentaBright',
	'blueBright',
	'white',
] as const;

/** The same server gets the same colour on every run. */
export function serverColor(id: string): string {
	let hash = 2_166_136_261;
	for (let index = 0; index < id.length; index++) {
		hash = Math.imul(hash ^ id.codePointAt(index)!, 16_777_619);
	}

	return palette[(hash >>> 0) % palette.length]!;
}
