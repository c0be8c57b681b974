/**
Splits what follows `/filter` into terms: runs of non-space, where `"quoted parts"` (with `\"` and
`\\` inside) and a `/regex/flags` may hold spaces. A leading `!` negates the term.
*/

export type FilterToken = {
	readonly negated: boolean;
	/** The term without its `!`, quotes removed. */
	readonly text: string;
	/** The whole term was quoted: it is text to look for, whatever it looks like. */
	readonly quoted: boolean;
	/** The term is `/source/flags`. */
	readonly regex: boolean;
};

export type TokenResult =
	{ok: true; tokens: FilterToken[]} | {ok: false; error: string};

/** Longest input read: a filter is typed by a person, and every term costs on every line. */
export const maxFilterLength = 2000;
export const maxTerms = 32;

export function splitTerms(input: string): TokenResult {
	if (input.length > maxFilterLength) {
		return {
			ok: false,
			error: `a filter is at most ${maxFilterLength} characters`,
		};
	}

	const tokens: FilterToken[] = [];
	let index = 0;
	while (index < input.length) {
		if (/\s/.test(input[index]!)) {
			index++;
			continue;
		}

		if (tokens.length === maxTerms) {
			return {ok: false, error: `a filter has at most ${maxTerms} terms`};
		}

		const read = readToken(input, index);
		if (!read.ok) {
			return read;
		}

		tokens.push(read.token);
		index = read.end;
	}

	return {ok: true, tokens};
}

type ReadResult =
	{ok: true; token: FilterToken; end: number} | {ok: false; error: string};

function readToken(input: string, start: number): ReadResult {
	const negated = input[start] === '!';
	const bodyStart = negated ? start + 1 : start;
	if (input[bodyStart] === '/') {
		// A regex runs to the first `/` that is followed by flags only and then a space or the end.
		const close = /\/[a-z]*(?=\s|$)/g;
		close.lastIndex = bodyStart + 1;
		const match = close.exec(input);
		if (!match) {
			return {
				ok: false,
				error: `unclosed regex: ${input.slice(start)} (write /…/)`,
			};
		}

		return {
			ok: true,
			token: {
				negated,
				text: input.slice(bodyStart, close.lastIndex),
				quoted: false,
				regex: true,
			},
			end: close.lastIndex,
		};
	}

	let text = '';
	let index = bodyStart;
	let quotedParts = 0;
	while (index < input.length && !/\s/.test(input[index]!)) {
		if (input[index] !== '"') {
			text += input[index];
			index++;
			continue;
		}

		const quoted = readQuoted(input, index);
		if (quoted === undefined) {
			return {ok: false, error: `unclosed quote: ${input.slice(index)}`};
		}

		text += quoted.text;
		quotedParts++;
		// Whole when the quoted part is the entire term.
		if (quoted.start === bodyStart && isTermEnd(input, quoted.end)) {
			return {
				ok: true,
				token: {negated, text, quoted: true, regex: false},
				end: quoted.end,
			};
		}

		index = quoted.end;
	}

	if (text === '' && quotedParts === 0) {
		return {ok: false, error: 'a lone "!" negates nothing'};
	}

	return {
		ok: true,
		token: {negated, text, quoted: false, regex: false},
		end: index,
	};
}

function isTermEnd(input: string, index: number): boolean {
	return index === input.length || /\s/.test(input[index]!);
}

/** The quoted part opening at `start`, unescaped, and where it ends; undefined when unclosed. */
function readQuoted(
	input: string,
	start: number,
): {text: string; start: number; end: number} | undefined {
	let text = '';
	for (let index = start + 1; index < input.length; index++) {
		const character = input[index]!;
		if (character === '"') {
			return {text, start, end: index + 1};
		}

		if (character === '\\' && index + 1 < input.length) {
			index++;
			text += input[index];
		} else {
			text += character;
		}
	}

	return undefined;
}
