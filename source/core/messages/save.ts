import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileErrorWords} from '../file-error-words.js';
import {errorCode} from '../registry/io-errors.js';
import {type MessageRecord} from './record.js';
import {sanitize} from './sanitize.js';

const directionWords = {in: 'in ', out: 'out', system: 'sys'} as const;

/** Owner read and write only: messages may hold what servers would not show anyone else. */
const fileMode = 0o600;

/*
O_NOFOLLOW: a symbolic link at the name is an error, never followed (the link itself is not
replaced either). O_EXCL with O_CREAT: only a new file, so nothing of the user's is overwritten.
*/
const createNew =
	constants.O_WRONLY |
	constants.O_CREAT |
	constants.O_EXCL |
	constants.O_NOFOLLOW;

export type SaveOptions = {
	/** Replace an existing regular file (`/save!`); a link, folder or device is still refused. */
	overwrite?: boolean;
};

/** Why a save was refused before anything was written, in words for the user. */
export class SaveRefused extends Error {
	override name = 'SaveRefused';
}

/**
The absolute path `/save` writes to: `~` and `~/…` are the home folder, the rest is relative to
`cwd`. `~user` is not expanded (it is a file name, as in a shell with no such user).
*/
export function resolveSavePath(
	file: string,
	where: {cwd: string; home: string},
): string {
	if (file === '~') {
		return path.resolve(where.home);
	}

	if (file.startsWith('~/')) {
		return path.resolve(where.home, file.slice(2));
	}

	return path.resolve(where.cwd, file);
}

/** One line per message: `time⇥server⇥direction⇥text`, every field inert for a terminal. */
export function formatSavedLines(messages: readonly MessageRecord[]): string[] {
	return messages.map((message) => {
		const frame = message.decoded();
		// The full text on one line: its line breaks become spaces.
		const text =
			message.direction === 'system'
				? frame.preview
				: frame.full.replaceAll('\n', ' ');
		// Decoded text is sanitised already; the id is not. `sanitize` again costs one regex test,
		// and `cat` of the file must never run what a server or the registry wrote.
		return [
			new Date(message.time).toISOString(),
			sanitize(message.serverId),
			directionWords[message.direction],
			sanitize(text),
		].join('\t');
	});
}

/**
Writes messages as text for `/save`, mode 0600. A new file by default: an existing name is refused
(`SaveRefused`). With `overwrite`, an existing regular file is replaced by a rename from a new file
beside it, so a link at the name is never followed, and a reader never sees half a file.
*/
export async function saveMessages(
	file: string,
	messages: readonly MessageRecord[],
	options: SaveOptions = {},
): Promise<number> {
	const lines = formatSavedLines(messages);
	const text = lines.join('\n') + (lines.length > 0 ? '\n' : '');
	if (options.overwrite) {
		await replaceFile(file, text);
	} else {
		await writeNewFile(file, text, async () => {
			throw new SaveRefused(await whyTaken(file));
		});
	}

	return lines.length;
}

async function writeNewFile(
	file: string,
	text: string,
	onExists: () => Promise<never>,
): Promise<void> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(file, createNew, fileMode);
	} catch (error) {
		// A link (even a dangling one), a folder, a FIFO: all exist.
		if (errorCode(error) === 'EEXIST') {
			await onExists();
		}

		throw error;
	}

	try {
		await handle.writeFile(text);
	} catch (error) {
		// A full disk: no half-written file of ours is left behind.
		await handle.close();
		await fs.rm(file, {force: true});
		throw error;
	}

	await handle.close();
}

async function replaceFile(file: string, text: string): Promise<void> {
	const existing = await fs.lstat(file).catch((error: unknown) => {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	});
	if (existing?.isSymbolicLink()) {
		throw new SaveRefused(`${file} is a symbolic link; it is never followed`);
	}

	if (existing && !existing.isFile()) {
		throw new SaveRefused(`${file} is not a regular file; not replaced`);
	}

	// Same folder, so the rename is atomic; a random name that must be new, so no one can plant it.
	const temporary = path.join(
		path.dirname(file),
		`.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
	);
	await writeNewFile(temporary, text, async () => {
		throw new SaveRefused(`could not make a new file beside ${file}`);
	});
	try {
		// A rename replaces a link at `file` with our file; it never writes through it.
		await fs.rename(temporary, file);
	} catch (error) {
		await fs.rm(temporary, {force: true});
		throw error;
	}
}

/** Why a new file cannot be made at `file`, which exists. */
async function whyTaken(file: string): Promise<string> {
	const existing = await fs.lstat(file).catch(() => undefined);
	if (existing?.isSymbolicLink()) {
		return `${file} is a symbolic link; it is never followed`;
	}

	return existing && !existing.isFile()
		? `${file} exists and is not a regular file`
		: `${file} already exists; /save! replaces it`;
}

/**
A save failure in a few words, for the line by the prompt: a refusal as it is, a system error by
its meaning and code (Node's own message repeats the whole path).
*/
export function describeSaveError(error: unknown, file: string): string {
	if (error instanceof SaveRefused) {
		return `not saved: ${error.message}`;
	}

	const words = fileErrorWords(error);
	return `could not save to ${file}: ${words}`;
}
