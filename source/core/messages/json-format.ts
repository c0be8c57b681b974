import {sanitize} from './sanitize.js';

/** What `parseJson` returns for text that is not JSON. */
export const notJson = Symbol('not JSON');

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return notJson;
	}
}

export type JsonFormat = {
	/** Stop soon after this many characters. */
	limit: number;
	/** `''` for one compact line, `'  '` for `JSON.stringify(value, undefined, 2)` layout. */
	indent: string;
	/** Leave this key out of a top-level object. */
	skipKey?: string;
};

/**
Deeper arrays and objects show as `[…]` and `{…}`. Keeps the recursion shallow, and the indentation
of pretty-printed JSON small: `[[[…]]]` 10 000 levels deep would otherwise pretty-print to 200 MB.
*/
export const maxJsonDepth = 100;

/**
JSON text of a parsed value, laid out like `JSON.stringify`, that stops soon after `limit`
characters however large or deep the value is. `complete` is false when it stopped early.
*/
export function formatJson(
	value: unknown,
	{limit, indent, skipKey}: JsonFormat,
): {text: string; complete: boolean} {
	const parts: string[] = [];
	let length = 0;
	const add = (part: string) => {
		parts.push(part);
		length += part.length;
	};

	const colon = indent === '' ? ':' : ': ';
	const newLine = (depth: number) =>
		indent === '' ? '' : `\n${indent.repeat(depth)}`;

	const walk = (node: unknown, depth: number, skip?: string): void => {
		if (typeof node === 'string') {
			add(JSON.stringify(node.length > limit ? node.slice(0, limit) : node));
			return;
		}

		if (typeof node !== 'object' || node === null) {
			add(JSON.stringify(node));
			return;
		}

		const isArray = Array.isArray(node);
		const entries: Array<[string, unknown]> = isArray
			? node.map((item, index) => [String(index), item])
			: Object.entries(node).filter(([key]) => key !== skip);
		const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
		if (entries.length === 0 || depth >= maxJsonDepth) {
			add(entries.length === 0 ? `${open}${close}` : `${open}…${close}`);
			return;
		}

		add(open);
		for (const [index, [key, item]] of entries.entries()) {
			if (length > limit) {
				return;
			}

			add(`${index === 0 ? '' : ','}${newLine(depth + 1)}`);
			if (!isArray) {
				add(`${JSON.stringify(key.slice(0, limit))}${colon}`);
			}

			walk(item, depth + 1);
		}

		add(`${newLine(depth)}${close}`);
	};

	walk(value, 0, skipKey);
	return {text: parts.join(''), complete: length <= limit};
}

/**
JSON text pretty-printed with two spaces for a detail view, every line sanitised; cut after
`fullLength` characters with a marker. Text that is not JSON is shown as sent.
*/
export function prettyJson(text: string, fullLength: number): string {
	const value = parseJson(text);
	if (value === notJson) {
		return sanitize(text, {multiline: true});
	}

	const pretty = formatJson(value, {limit: fullLength, indent: '  '});
	if (pretty.complete) {
		return sanitize(pretty.text, {multiline: true});
	}

	let end = fullLength;
	// eslint-disable-next-line unicorn/prefer-code-point -- looking for a lone high surrogate.
	const last = pretty.text.charCodeAt(end - 1);
	if (last >= 0xd8_00 && last <= 0xdb_ff) {
		end--;
	}

	return `${sanitize(pretty.text.slice(0, end), {multiline: true})}… (cut at ${fullLength} characters)`;
}
