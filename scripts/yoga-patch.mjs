// One change to yoga-layout (Ink's layout engine), applied when the CLI is bundled (never to
// node_modules).
//
// yoga ships its WebAssembly as a base64 `data:` URL inside its JavaScript and, being Emscripten
// output written for browsers too, reads it back with `fetch()` whenever a global `fetch` exists.
// In Node that first `fetch()` loads undici, Node's HTTP client: ~25 ms of compiling before the
// first frame, only to decode a string that is already in memory. The patch decodes the embedded
// bytes with `Buffer` instead (0.2 ms; Emscripten's own fallback, `atob` and a loop, takes 2.4 ms).
// The bytes, and so the layout engine, are the same; only the way they are read differs.
//
// Like scripts/ink-patches.mjs, the patch must match yoga's text exactly once, or the build fails
// (and test/install/yoga-patch.test.ts) instead of silently shipping without it.
import fs from 'node:fs/promises';

export const yogaPatch = {
	file: 'yoga-layout/dist/binaries/yoga-wasm-base64-esm.js',
	why: 'the embedded WebAssembly is decoded with Buffer, not fetched (which loads undici)',
	// `ya` returns a promise of the WebAssembly bytes; `H` is the data URL, `ua(H)` says it is one,
	// `H.slice(37)` is its base64 (after `data:application/octet-stream;base64,`).
	find: 'function ya(){return w||"function"!=typeof fetch?',
	replace:
		'function ya(){return !w&&ua(H)?Promise.resolve().then(function(){return new Uint8Array(Buffer.from(H.slice(37),"base64"))}):w||"function"!=typeof fetch?',
};

/** The patched text of yoga's loader; throws if the patch does not match exactly once. */
export function patchYoga(source) {
	const count = source.split(yogaPatch.find).length - 1;
	if (count !== 1) {
		throw new Error(
			`yoga patch "${yogaPatch.why}" matched ${count} times in ${yogaPatch.file} (expected once): yoga-layout has changed; review scripts/yoga-patch.mjs`,
		);
	}

	return source.replace(yogaPatch.find, () => yogaPatch.replace);
}

/** The esbuild plugin: yoga's loader is read through `patchYoga`. */
export function yogaPatchPlugin() {
	return {
		name: 'shipyard-yoga-patch',
		setup(build) {
			build.onLoad(
				{filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][\w-]+\.js$/},
				async (arguments_) => {
					if (!arguments_.path.replaceAll('\\', '/').endsWith(yogaPatch.file)) {
						return undefined;
					}

					const source = await fs.readFile(arguments_.path, 'utf8');
					return {contents: patchYoga(source), loader: 'js'};
				},
			);
		},
	};
}
