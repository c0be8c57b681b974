import {constants} from 'node:fs';
import fs from 'node:fs/promises';
import {errorCode} from '../registry/io-errors.js';
import {fileErrorWords} from '../file-error-words.js';

/** Owner read and write only: a recording holds everything the servers said. */
export const recordFileMode = 0o600;

/*
O_EXCL with O_CREAT: only a new file, nothing of the user's is overwritten. O_NOFOLLOW: a link at
the name is an error, never followed (O_EXCL already refuses any existing name, a dangling link
included; O_NOFOLLOW says so twice, for systems that treat a dangling link otherwise).
*/
const createNew =
	constants.O_WRONLY |
	constants.O_CREAT |
	constants.O_EXCL |
	constants.O_NOFOLLOW;

/** Why a recording was refused before anything was written, in words for the user. */
export class RecordRefused extends Error {
	override name = 'RecordRefused';
}

/**
Opens a new recording file, mode 0600. An existing name is refused, unless `overwrite`: then an
existing regular file is removed first and a new one made in its place (a link, folder, FIFO or
device is refused even then, and is never written through).
*/
export async function openRecordFile(
	file: string,
	options: {overwrite?: boolean} = {},
): Promise<fs.FileHandle> {
	if (options.overwrite) {
		const existing = await lstatOrUndefined(file);
		if (existing?.isSymbolicLink()) {
			throw new RecordRefused(
				`${file} is a symbolic link; it is never followed`,
			);
		}

		if (existing && !existing.isFile()) {
			throw new RecordRefused(`${file} is not a regular file; not replaced`);
		}

		if (existing) {
			await fs.rm(file, {force: true});
		}
	}

	try {
		return await fs.open(file, createNew, recordFileMode);
	} catch (error) {
		if (errorCode(error) === 'EEXIST' || errorCode(error) === 'ELOOP') {
			throw new RecordRefused(await whyTaken(file));
		}

		throw error;
	}
}

async function whyTaken(file: string): Promise<string> {
	const existing = await lstatOrUndefined(file);
	if (existing?.isSymbolicLink()) {
		return `${file} is a symbolic link; it is never followed`;
	}

	return existing && !existing.isFile()
		? `${file} exists and is not a regular file`
		: `${file} already exists (--record-overwrite or /record! replaces it)`;
}

async function lstatOrUndefined(file: string) {
	return fs.lstat(file).catch((error: unknown) => {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	});
}

/** A recording failure in a few words (Node's own message repeats the whole path). */
export function describeRecordError(error: unknown, file: string): string {
	if (error instanceof RecordRefused) {
		return `not recording: ${error.message}`;
	}

	const words = fileErrorWords(error);
	return `could not record to ${file}: ${words}`;
}

export {errorCode} from '../registry/io-errors.js';
