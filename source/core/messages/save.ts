import fs from 'node:fs/promises';
import {type MessageRecord} from './record.js';

const directionWords = {in: 'in ', out: 'out', system: 'sys'} as const;

/** Writes messages as text, one per line (`time server direction text`), for `/save`. */
export async function saveMessages(
	file: string,
	messages: readonly MessageRecord[],
): Promise<number> {
	const lines = messages.map((message) => {
		const frame = message.decoded();
		// One line per message: the full text with its line breaks made visible.
		const text =
			message.direction === 'system'
				? frame.preview
				: frame.full.replaceAll('\n', ' ');
		return `${new Date(message.time).toISOString()}\t${message.serverId}\t${directionWords[message.direction]}\t${text}`;
	});
	await fs.writeFile(file, lines.join('\n') + (lines.length > 0 ? '\n' : ''), {
		mode: 0o600,
	});
	return lines.length;
}
