/**
JSON that is safe to print to a terminal. `JSON.stringify` escapes C0 controls and (since Node 20,
well-formed stringify) lone surrogates, but leaves DEL, the C1 controls (U+0080–U+009F: the 8-bit
CSI U+009B and OSC U+009D among them), the bidi controls and U+2028/U+2029 raw. Piped into a
terminal, those set the title or type keys; in an editor, they reorder or hide text.

`safeJsonStringify` writes each of them, and the invisible format characters (soft hyphen,
zero-width and word-joiner characters, U+FEFF, interlinear annotation, tag characters), as a
`\uXXXX` escape. A parser reads back exactly the same value: the escapes only ever stand inside
string literals, since JSON's own syntax is ASCII.
*/

/*
DEL and C1; soft hyphen; ALM; Mongolian vowel separator; zero-width space/joiners and LRM/RLM;
U+2028–U+202E (separators, embeddings, overrides); word joiner, invisible operators, isolates and
the deprecated format controls up to U+206F; BOM; interlinear annotation; tag characters (a
surrogate pair, U+E0000–U+E007F).
*/
const unsafePattern =
	/[\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/;
const unsafe = new RegExp(unsafePattern.source, 'g');

function escapeUnit(character: string): string {
	let escaped = '';
	for (let index = 0; index < character.length; index++) {
		// eslint-disable-next-line unicorn/prefer-code-point -- each UTF-16 unit gets its own escape.
		const unit = character.charCodeAt(index);
		escaped += String.raw`\u` + unit.toString(16).padStart(4, '0');
	}

	return escaped;
}

/**
`JSON.stringify(value, undefined, space)` with every character that could act on a terminal or hide
text escaped as `\uXXXX` (see the module comment). `null` for what `JSON.stringify` does not write
at all (`undefined`, a function), so a line of output is always JSON.
*/
export function safeJsonStringify(value: unknown, space?: number): string {
	const json = JSON.stringify(value, undefined, space) as string | undefined;
	if (json === undefined) {
		return 'null';
	}

	return unsafePattern.test(json) ? json.replaceAll(unsafe, escapeUnit) : json;
}
