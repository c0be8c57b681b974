/**
What `/find` and `/filter` look for in a line: plain text or a `/regex/flags`.

Plain text is smart-case, as in less and vim: all lower case matches any case, one capital makes it
exact. A regex is the user's own; what it runs over (a message's preview or its detail text) is
bounded by the decoder, so a slow pattern costs at most that much per line.
*/

export type TextPattern = {
	/** How the pattern reads back to a person: `"word"` or `/re/i`. */
	readonly label: string;
	/** Whether `text` contains a match. */
	test(text: string): boolean;
	/** Where the matches are, as `[start, end)` code-unit ranges, at most `limit` of them. */
	ranges(text: string, limit?: number): Array<[number, number]>;
};

export type PatternResult =
	{ok: true; pattern: TextPattern} | {ok: false; error: string};

/** Flags a search may use; `g` and `y` are ours to set, `d` changes nothing a search shows. */
const allowedFlags = new Set(['i', 'm', 's', 'u', 'v']);
const defaultRangeLimit = 1000;

/** `/…/flags` with at least one character between the slashes. */
const regexSyntax = /^\/(.+)\/([a-z]*)$/s;

/** Reads `input` as `/regex/flags` when it has that shape, else as plain text. */
export function parseTextPattern(input: string): PatternResult {
	if (input === '') {
		return {ok: false, error: 'nothing to look for'};
	}

	const regex = regexSyntax.exec(input);
	return regex
		? parseRegex(regex[1]!, regex[2]!)
		: {ok: true, pattern: plainPattern(input)};
}

function parseRegex(source: string, flags: string): PatternResult {
	for (const flag of flags) {
		if (!allowedFlags.has(flag)) {
			return {
				ok: false,
				error: `unknown regex flag "${flag}" in /${source}/${flags} (use i, m, s, u or v)`,
			};
		}
	}

	if (new Set(flags).size !== flags.length) {
		return {
			ok: false,
			error: `a regex flag is repeated in /${source}/${flags}`,
		};
	}

	let compiled: RegExp;
	try {
		compiled = new RegExp(source, `${flags}g`);
	} catch (error) {
		// V8 says "Invalid regular expression: /(/g: Unterminated group"; keep only the reason.
		const message = error instanceof Error ? error.message : String(error);
		const reason = message.replace(/^.*: /s, '');
		return {ok: false, error: `bad regex /${source}/${flags}: ${reason}`};
	}

	return {
		ok: true,
		pattern: {
			label: `/${source}/${flags}`,
			test(text) {
				compiled.lastIndex = 0;
				return compiled.test(text);
			},
			ranges(text, limit = defaultRangeLimit) {
				const found: Array<[number, number]> = [];
				compiled.lastIndex = 0;
				while (found.length < limit) {
					const match = compiled.exec(text);
					if (!match) {
						break;
					}

					const start = match.index;
					const end = start + match[0].length;
					if (end === start) {
						// An empty match marks nothing; step past it so the search moves on.
						compiled.lastIndex = end + 1;
						continue;
					}

					found.push([start, end]);
				}

				return found;
			},
		},
	};
}

function plainPattern(needle: string): TextPattern {
	const exact = needle !== needle.toLowerCase();
	const wanted = exact ? needle : needle.toLowerCase();
	// `toLowerCase` can change a string's length (İ becomes i̇), so ranges are found in a copy
	// lowered unit by unit only when that keeps every index where it was.
	const fold = (text: string) => (exact ? text : lowerKeepingIndexes(text));
	return {
		label: JSON.stringify(needle),
		test: (text) => fold(text).includes(wanted),
		ranges(text, limit = defaultRangeLimit) {
			const haystack = fold(text);
			const found: Array<[number, number]> = [];
			let from = 0;
			while (found.length < limit) {
				const start = haystack.indexOf(wanted, from);
				if (start === -1) {
					break;
				}

				found.push([start, start + wanted.length]);
				from = start + wanted.length;
			}

			return found;
		},
	};
}

/** `text` in lower case with every code unit where it was: a character whose lower case is longer stays. */
function lowerKeepingIndexes(text: string): string {
	const lowered = text.toLowerCase();
	if (lowered.length === text.length) {
		return lowered;
	}

	let result = '';
	for (const character of text) {
		const lower = character.toLowerCase();
		result += lower.length === character.length ? lower : character;
	}

	return result;
}
