import fs from 'node:fs';

export type FileLine =
	| {number: number; text: string}
	/** A line past the bound: skipped without being held, only its number kept. */
	| {number: number; tooLong: true};

/**
The lines of a file, one at a time, each at most `maxLength` characters: a longer one is skipped as
it streams past (reported by number), so a hostile file of one endless line costs bounded memory.
Empty lines are skipped; a last line without a newline counts.
*/
export async function* readLines(
	file: string,
	maxLength: number,
	/** Bytes read at a time (small in tests, so lines cross chunk edges). */
	chunkBytes = 64 * 1024,
): AsyncGenerator<FileLine> {
	const stream = fs.createReadStream(file, {
		encoding: 'utf8',
		highWaterMark: chunkBytes,
	});
	let partial = '';
	let tooLong = false;
	let number = 0;
	try {
		for await (const chunk of stream as AsyncIterable<string>) {
			let start = 0;
			for (;;) {
				const end = chunk.indexOf('\n', start);
				const piece = chunk.slice(start, end === -1 ? undefined : end);
				if (!tooLong) {
					partial += piece;
					if (partial.length > maxLength) {
						tooLong = true;
						partial = '';
					}
				}

				if (end === -1) {
					break;
				}

				number++;
				if (tooLong) {
					yield {number, tooLong: true};
				} else if (partial.trim() !== '') {
					yield {number, text: partial};
				}

				partial = '';
				tooLong = false;
				start = end + 1;
			}
		}

		if (tooLong || partial.trim() !== '') {
			number++;
			yield tooLong ? {number, tooLong: true} : {number, text: partial};
		}
	} finally {
		stream.destroy();
	}
}
