/*
JSON with comments (`//` and `/* … *\/`) and trailing commas, as people write config files (the
tsconfig and VS Code dialect). Our own parser rather than JSON.parse: Node 20's errors give no
position, and a config error must say where (line and column). It never throws: any text gives a
value or one error. Depth is bounded so a hostile file cannot exhaust the stack.
*/

export type JsoncResult =
	| {ok: true; value: unknown}
	| {ok: false; error: string; line: number; column: number};

const maxDepth = 64;

class JsoncError extends Error {
	constructor(
		message: string,
		readonly index: number,
	) {
		super(message);
	}
}

export function parseJsonc(text: string): JsoncResult {
	const parser = new Parser(text);
	try {
		parser.skip();
		if (parser.index >= text.length) {
			throw new JsoncError('the file is empty (write {} for no settings)', 0);
		}

		const value = parser.value(0);
		parser.skip();
		if (parser.index < text.length) {
			throw new JsoncError(
				`unexpected ${describe(text, parser.index)} after the value`,
				parser.index,
			);
		}

		return {ok: true, value};
	} catch (error) {
		const at = error instanceof JsoncError ? error.index : parser.index;
		const {line, column} = position(text, at);
		const message = error instanceof Error ? error.message : String(error);
		return {
			ok: false,
			error: `line ${line}, column ${column}: ${message}`,
			line,
			column,
		};
	}
}

/** 1-based line and column (in characters) of index `at`. */
function position(text: string, at: number): {line: number; column: number} {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(at, text.length);
	for (let index = 0; index < end; index++) {
		if (text[index] === '\n') {
			line++;
			lineStart = index + 1;
		}
	}

	return {line, column: end - lineStart + 1};
}

/** What is at `index`, for a message: `"}"`, `end of file`. */
function describe(text: string, index: number): string {
	if (index >= text.length) {
		return 'end of file';
	}

	const code = text.codePointAt(index)!;
	return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)
		? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
		: JSON.stringify(String.fromCodePoint(code));
}

const escapes: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
};

class Parser {
	index = 0;
	private readonly text: string;

	constructor(text: string) {
		this.text = text;
	}

	/** Skips white space and comments. */
	skip(): void {
		const {text} = this;
		while (this.index < text.length) {
			const character = text[this.index]!;
			if (
				character === ' ' ||
				character === '\t' ||
				character === '\n' ||
				character === '\r' ||
				character === '\uFEFF'
			) {
				this.index++;
			} else if (text.startsWith('//', this.index)) {
				const end = text.indexOf('\n', this.index);
				this.index = end === -1 ? text.length : end;
			} else if (text.startsWith('/*', this.index)) {
				const end = text.indexOf('*/', this.index + 2);
				if (end === -1) {
					throw new JsoncError('a /* comment is never closed', this.index);
				}

				this.index = end + 2;
			} else {
				return;
			}
		}
	}

	value(depth: number): unknown {
		if (depth > maxDepth) {
			throw new JsoncError(`nested deeper than ${maxDepth} levels`, this.index);
		}

		const character = this.text[this.index] ?? '';
		switch (character) {
			case '{': {
				return this.object(depth);
			}

			case '[': {
				return this.array(depth);
			}

			case '"': {
				return this.string();
			}

			case 't': {
				return this.word('true', true);
			}

			case 'f': {
				return this.word('false', false);
			}

			case 'n': {
				return this.word('null', null);
			}

			default: {
				if (character === '-' || /\d/.test(character)) {
					return this.number();
				}

				throw new JsoncError(
					`expected a value, found ${describe(this.text, this.index)}`,
					this.index,
				);
			}
		}
	}

	private word(word: string, value: unknown): unknown {
		if (!this.text.startsWith(word, this.index)) {
			throw new JsoncError(
				`expected a value, found ${describe(this.text, this.index)}`,
				this.index,
			);
		}

		this.index += word.length;
		return value;
	}

	private number(): number {
		const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
			this.text.slice(this.index, this.index + 400),
		);
		if (!match) {
			throw new JsoncError('a number is malformed', this.index);
		}

		this.index += match[0].length;
		return Number(match[0]);
	}

	private string(): string {
		const {text} = this;
		const start = this.index;
		this.index++;
		let result = '';
		while (this.index < text.length) {
			const character = text[this.index]!;
			if (character === '"') {
				this.index++;
				return result;
			}

			if (character === '\\') {
				const next = text[this.index + 1];
				if (next === 'u') {
					const hex = text.slice(this.index + 2, this.index + 6);
					if (!/^[\da-fA-F]{4}$/.test(hex)) {
						throw new JsoncError(
							String.raw`a \u escape needs four hex digits`,
							this.index,
						);
					}

					result += String.fromCodePoint(Number.parseInt(hex, 16));
					this.index += 6;
					continue;
				}

				const escaped = next === undefined ? undefined : escapes[next];
				if (escaped === undefined) {
					throw new JsoncError(
						`unknown escape \\${next ?? ''} in a string`,
						this.index,
					);
				}

				result += escaped;
				this.index += 2;
				continue;
			}

			if (character === '\n' || character.codePointAt(0)! < 0x20) {
				throw new JsoncError(
					`a string cannot hold ${character === '\n' ? 'a line break' : describe(text, this.index)} (write it escaped)`,
					this.index,
				);
			}

			result += character;
			this.index++;
		}

		throw new JsoncError('a string is never closed', start);
	}

	private array(depth: number): unknown[] {
		this.index++;
		const items: unknown[] = [];
		for (;;) {
			this.skip();
			if (this.text[this.index] === ']') {
				this.index++;
				return items;
			}

			items.push(this.value(depth + 1));
			this.skip();
			const next = this.text[this.index];
			if (next === ',') {
				this.index++;
			} else if (next !== ']') {
				throw new JsoncError(
					`expected "," or "]" in a list, found ${describe(this.text, this.index)}`,
					this.index,
				);
			}
		}
	}

	private object(depth: number): Record<string, unknown> {
		this.index++;
		// No prototype: a key such as __proto__ is data, not a way to reach Object.prototype.
		// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- an empty object, filled below
		const result = Object.create(null) as Record<string, unknown>;
		for (;;) {
			this.skip();
			if (this.text[this.index] === '}') {
				this.index++;
				return result;
			}

			if (this.text[this.index] !== '"') {
				throw new JsoncError(
					`expected a "key" or "}", found ${describe(this.text, this.index)}`,
					this.index,
				);
			}

			const keyAt = this.index;
			const key = this.string();
			if (Object.hasOwn(result, key)) {
				throw new JsoncError(`key ${JSON.stringify(key)} appears twice`, keyAt);
			}

			this.skip();
			if (this.text[this.index] !== ':') {
				throw new JsoncError(
					`expected ":" after ${JSON.stringify(key)}, found ${describe(this.text, this.index)}`,
					this.index,
				);
			}

			this.index++;
			this.skip();
			result[key] = this.value(depth + 1);
			this.skip();
			const next = this.text[this.index];
			if (next === ',') {
				this.index++;
			} else if (next !== '}') {
				throw new JsoncError(
					`expected "," or "}" after a value, found ${describe(this.text, this.index)}`,
					this.index,
				);
			}
		}
	}
}
