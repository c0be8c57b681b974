/*
Desktop notifications by terminal escape: OSC 9 (iTerm2, WezTerm, kitty, Windows Terminal, foot) and
OSC 777 (rxvt-unicode, VTE terminals such as GNOME Terminal, ghostty). Their text comes from servers,
so it is reduced to plain characters first: an ESC or BEL inside would end the sequence early and
let the rest act on the terminal.
*/

export const notificationTitleLength = 64;
export const notificationBodyLength = 200;

/**
Plain text of at most `maxLength` characters (code points): control, format (bidi, zero-width),
surrogate and line/paragraph separator characters become spaces, runs of spaces one space.
*/
export function notificationText(text: string, maxLength: number): string {
	const plain = text
		.replaceAll(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ')
		.replaceAll(/\s+/g, ' ')
		.trim();
	const characters = [...plain];
	return characters.length <= maxLength
		? plain
		: `${characters.slice(0, Math.max(0, maxLength - 1)).join('')}…`;
}

/**
The bytes that raise one notification in any terminal that knows either sequence (the others ignore
both). Inside tmux each is wrapped for passthrough (`ESC P tmux; … ESC \`, its ESCs doubled), which
tmux forwards when `allow-passthrough` is on.
*/
export function notificationSequence(
	title: string,
	body: string,
	options: {tmux: boolean},
): string {
	// OSC 777 splits its fields at `;`: the title must hold none.
	const safeTitle = notificationText(title, notificationTitleLength).replaceAll(
		';',
		',',
	);
	const safeBody = notificationText(body, notificationBodyLength);
	const sequences = [
		`\u001B]9;${safeTitle}: ${safeBody}\u0007`,
		`\u001B]777;notify;${safeTitle};${safeBody}\u0007`,
	];
	return sequences
		.map((sequence) => (options.tmux ? tmuxPassthrough(sequence) : sequence))
		.join('');
}

/** `ESC P tmux; <sequence with each ESC doubled> ESC \`. */
export function tmuxPassthrough(sequence: string): string {
	return `\u001BPtmux;${sequence.replaceAll('\u001B', '\u001B\u001B')}\u001B\\`;
}

/** The terminal bell. */
export const bell = '\u0007';
