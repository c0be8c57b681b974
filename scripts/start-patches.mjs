// Changes to four dependencies that cost the first frame time for nothing, applied when the CLI is
// bundled (never to node_modules). Each one changes how a result is reached, never the result.
//
// - yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 `data:` URL inside its
//   JavaScript and, being Emscripten output written for browsers too, reads it back with `fetch()`
//   whenever a global `fetch` exists. In Node that first `fetch()` loads undici, Node's HTTP client:
//   ~25 ms of compiling before the first frame, only to decode a string already in memory. Patched,
//   the embedded bytes are decoded with `Buffer` (0.2 ms; Emscripten's own fallback, `atob` and a
//   loop, takes 2.4 ms). Same bytes, same layout engine.
// - string-width builds `/^\p{RGI_Emoji}$/v` when it is imported (esbuild writes it as
//   `new RegExp(…, "v")` for Node 20, which parses it at once: ~30 ms, for thousands of emoji
//   sequences), then asks it about every grapheme of every non-ASCII text (compiled on first use,
//   and again to machine code on the second, ~8 ms). The first frame paid all that for a table
//   border (`─`) or a status dot (`●`). Patched, the expression is built on first use, and a
//   grapheme of one code point is asked only if it has the Emoji_Presentation property (a plain
//   character class, built in well under a millisecond): every one-code-point RGI emoji has it,
//   which test/install/start-patches.test.ts checks for every code point there is. Graphemes of
//   several code points are asked as before.
//   And text made only of characters that are each a grapheme of their own whatever stands beside
//   them, and not emoji (Latin, box drawing, arrows, geometric shapes: the table's borders, status
//   dots and rules) is measured as the sum of its characters' East Asian widths, which is what the
//   per-grapheme path adds up for it, without its segmenter and four expressions per character
//   (cold, ~10 ms for a 120×40 screen; ~1 ms this way). The test checks both premises for every
//   character of that set.
// - Ink turns each row of cells into text with ansi-tokenize's styledCharsToString, which works out
//   the codes between every two neighbouring cells (three Sets, two filters, a reverse and a join
//   each): ~5 000 times for a 120×40 screen, most of them between two blank cells or two cells of
//   one word in one style, where the answer is no codes at all. Patched, that answer is given
//   without the work when both cells carry the same codes (the same code and end code, in order);
//   otherwise it is worked out as before; and the cells of one run of text share one array of
//   codes instead of a copy each (5 000 arrays a screen). Fewer allocations in every frame too.
//   Its tokenize() also walks text of standalone characters and escapes (string-width's class
//   below, plus ESC) a character at a time instead of through ICU's grapheme segmenter.
// - meow requires normalize-package-data when it is imported, and with it spdx-correct, which sorts
//   its license tables with `localeCompare` (loading ICU's collation): ~20 ms at every start, for a
//   function meow calls only when `cli.pkg` is read, which we never do. Patched, it is required on
//   its first call; what it does then is unchanged.
//
// Like scripts/ink-patches.mjs, a patch must match its file's text exactly once, or the build fails
// (and test/install/start-patches.test.ts) instead of silently shipping without it; so a new
// version of either package is reviewed here before it ships.
import fs from 'node:fs/promises';

export const startPatches = [
	{
		file: 'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js',
		why: 'the embedded WebAssembly is decoded with Buffer, not fetched (which loads undici)',
		// `ya` returns a promise of the WebAssembly bytes; `w` is bytes given by the caller (none
		// here), `H` is the data URL, `ua(H)` says it is one, and `H.slice(37)` is its base64 (after
		// `data:application/octet-stream;base64,`).
		find: 'function ya(){return w||"function"!=typeof fetch?',
		replace:
			'function ya(){return !w&&ua(H)?Promise.resolve().then(function(){return new Uint8Array(Buffer.from(H.slice(37),"base64"))}):w||"function"!=typeof fetch?',
	},
	{
		file: 'string-width/index.js',
		why: 'the RGI_Emoji expression is compiled only for a grapheme that may be one',
		find: 'if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
		replace:
			'if ((shipyardMayBeRgiEmoji(segment) && shipyardRgiEmoji().test(segment)) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
	},
	{
		file: 'string-width/index.js',
		why: 'the RGI_Emoji expression is built on first use, not at import',
		find: String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`,
		replace: String.raw`let rgiEmojiRegex;
function shipyardRgiEmoji() {
	rgiEmojiRegex ??= /^\p{RGI_Emoji}$/v;
	return rgiEmojiRegex;
}`,
		append: String.raw`
const shipyardEmojiPresentation = /^\p{Emoji_Presentation}$/u;
function shipyardMayBeRgiEmoji(segment) {
	const oneCodePoint = segment.length === (segment.codePointAt(0) > 0xFFFF ? 2 : 1);
	return !oneCodePoint || shipyardEmojiPresentation.test(segment);
}`,
	},
	{
		file: 'string-width/index.js',
		why: 'text of standalone one-column-class characters is measured without the segmenter',
		find: String.raw`	if (/^[\u0020-\u007E]*$/.test(string)) {
		return string.length;
	}`,
		replace: String.raw`	if (/^[\u0020-\u007E]*$/.test(string)) {
		return string.length;
	}

	if (shipyardStandalone.test(string) && !shipyardEmojiPresentationInside.test(string)) {
		const shipyardOptions = {ambiguousAsWide: !ambiguousIsNarrow};
		let shipyardWidth = 0;
		for (let index = 0; index < string.length; index++) {
			shipyardWidth += eastAsianWidth(string.charCodeAt(index), shipyardOptions);
		}

		return shipyardWidth;
	}`,
		append: String.raw`
const shipyardStandalone = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2100-\u2BFF]*$/;
const shipyardEmojiPresentationInside = /\p{Emoji_Presentation}/u;`,
	},
	{
		file: '@alcalzone/ansi-tokenize/build/styledChars.js',
		why: 'no style codes are worked out between two cells of the same style',
		find: `        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
		replace: `        else if (!shipyardSameStyles(chars[i - 1].styles, char.styles)) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
	},
	{
		file: '@alcalzone/ansi-tokenize/build/styledChars.js',
		why: 'an unstyled last cell needs no reset worked out',
		find: `            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));`,
		replace: `            if (char.styles.length > 0) {
                ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
            }`,
		append: `
function shipyardSameStyles(from, to) {
	if (from === to) {
		return true;
	}

	if (from.length !== to.length) {
		return false;
	}

	for (let index = 0; index < from.length; index++) {
		if (from[index].code !== to[index].code || from[index].endCode !== to[index].endCode) {
			return false;
		}
	}

	return true;
}`,
	},
	{
		file: '@alcalzone/ansi-tokenize/build/tokenize.js',
		why: 'text of standalone characters and escapes is walked a character at a time, not segmented',
		find: `    for (const { segment, index } of segmenter.segment(str)) {`,
		replace: `    for (const { segment, index } of shipyardGraphemes(str)) {`,
		// Every character of the class below is a grapheme of its own whatever stands beside it (the
		// test checks each one), and so is ESC (a control): the segmenter would cut such text after
		// every character. Walking it directly skips ICU for nearly every line Ink writes.
		append: String.raw`
const shipyardStandaloneOrEscape = /^[\u001B\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2100-\u2BFF]*$/;
function shipyardGraphemes(str) {
    return shipyardStandaloneOrEscape.test(str) ? shipyardCharacters(str) : segmenter.segment(str);
}
function* shipyardCharacters(str) {
    for (let index = 0; index < str.length; index++) {
        yield { segment: str[index], index };
    }
}`,
	},
	{
		file: '@alcalzone/ansi-tokenize/build/styledChars.js',
		why: 'the cells of one run of text share its style codes, in an object literal',
		// `codes` is never changed in place (reduceAnsiCodesIncremental returns a new array), and
		// nothing in Ink or ansi-tokenize writes to a cell's styles (see ink-patches.mjs), so one
		// array serves a run. The tokens come from tokenize(), whose characters are {type, value,
		// fullWidth}: the same object, in the same key order, without a spread in the hottest loop.
		find: `            ret.push({
                ...token,
                styles: [...codes],
            });`,
		replace: `            ret.push({
                type: token.type,
                value: token.value,
                fullWidth: token.fullWidth,
                styles: codes,
            });`,
	},
	{
		file: 'meow/build/dependencies.js',
		why: 'normalize-package-data is required on its first call, not at import',
		find: `var normalizeExports = requireNormalize();
const normalizePackageData = getDefaultExportFromCjs(normalizeExports);`,
		replace: `const normalizePackageData = (...arguments_) =>
	getDefaultExportFromCjs(requireNormalize())(...arguments_);`,
	},
];

/**
The patched text of one of the files in `startPatches`; throws if a patch does not match exactly
once.
*/
export function patchStartSource(file, source) {
	let patched = source;
	const appended = [];
	for (const patch of startPatches.filter((item) => item.file === file)) {
		const count = patched.split(patch.find).length - 1;
		if (count !== 1) {
			throw new Error(
				`start patch "${patch.why}" matched ${count} times in ${file} (expected once): the package has changed; review scripts/start-patches.mjs`,
			);
		}

		patched = patched.replace(patch.find, () => patch.replace);
		if (patch.append) {
			appended.push(patch.append);
		}
	}

	return [patched, ...appended].join('\n');
}

/**
The esbuild plugin: each patched file is loaded through `patchStartSource`. Only the top-level copy
of a package is patched (wrap-ansi carries an older string-width of its own, with other text).
*/
export function startPatchesPlugin() {
	const files = new Set(startPatches.map((patch) => patch.file));
	return {
		name: 'shipyard-start-patches',
		setup(build) {
			build.onLoad(
				{
					filter:
						/[\\/]node_modules[\\/](?:yoga-layout|string-width|meow|@alcalzone[\\/]ansi-tokenize)[\\/][\w/\\-]+\.js$/,
				},
				async (arguments_) => {
					const parts = arguments_.path
						.replaceAll('\\', '/')
						.split('/node_modules/');
					const file = parts.length === 2 ? parts[1] : undefined;
					if (file === undefined || !files.has(file)) {
						return undefined;
					}

					const source = await fs.readFile(arguments_.path, 'utf8');
					return {contents: patchStartSource(file, source), loader: 'js'};
				},
			);
		},
	};
}
