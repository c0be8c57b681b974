#!/usr/bin/env node
/**
Where the time goes in a `.cpuprofile` (from `npm run bench -- --cpu-prof`, or `node --cpu-prof`):
self time by area (our code in source/, each package, Node internals, GC, idle) and the top
functions. Frames in the bundled dist/ are mapped back through its source maps (`*.js.map`), so
minified code shows as the file and line it came from.

Usage: node test/bench/profile-summary.mjs <file.cpuprofile> [--top 30] [--from <s>] [--to <s>] [--timeline]
(--from/--to keep only samples in that window, in seconds from the start of the profile; --timeline
prints busy, GC and idle shares per second first, to find the window).
*/
import fs from 'node:fs';
import {SourceMap} from 'node:module';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const {values, positionals} = parseArgs({
	allowPositionals: true,
	options: {
		top: {type: 'string', default: '30'},
		from: {type: 'string'},
		to: {type: 'string'},
		timeline: {type: 'boolean', default: false},
	},
});

if (positionals.length !== 1) {
	console.error(
		'Usage: node test/bench/profile-summary.mjs <file.cpuprofile> [--top 30] [--from <s>] [--to <s>] [--timeline]',
	);
	process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) {
	for (const child of node.children ?? []) {
		parents.set(child, node.id);
	}
}

const sourceMaps = new Map();
function sourceMapFor(url) {
	if (!sourceMaps.has(url)) {
		let map;
		try {
			const file = fileURLToPath(url);
			map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
		} catch {
			// No map: the frame stays as it is.
		}

		sourceMaps.set(url, map);
	}

	return sourceMaps.get(url);
}

/** Where a frame's code comes from: {where (area), file, line, name}, through source maps when there are some. */
function locate(callFrame) {
	const {url, functionName, lineNumber, columnNumber} = callFrame;
	let name = functionName || '(anonymous)';
	let file = url;
	let line = lineNumber + 1;
	if (url.startsWith('file://')) {
		const entry = sourceMapFor(url)?.findEntry(lineNumber, columnNumber);
		if (entry?.originalSource) {
			file = entry.originalSource;
			line = entry.originalLine + 1;
			name = entry.name ?? name;
		}
	}

	return {where: area(file, name), file: shortFile(file), line, name};
}

function shortFile(file) {
	const packageFile = /node_modules\/(.+)$/.exec(file);
	if (packageFile) {
		return packageFile[1];
	}

	const ours = /(?:^|\/)((?:source|dist)\/.+)$/.exec(file);
	return ours ? ours[1] : file;
}

function area(file, functionName) {
	if (file === '') {
		return functionName.startsWith('(') ? functionName : '(native)';
	}

	const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
	if (packageMatch) {
		return packageMatch[1];
	}

	if (file.startsWith('node:')) {
		return 'node internals';
	}

	const ours = /(?:^|\/)((?:source|dist)\/.+)$/.exec(file);
	return ours ? ours[1] : file;
}

const from = values.from === undefined ? -Infinity : Number(values.from) * 1e6;
const to = values.to === undefined ? Infinity : Number(values.to) * 1e6;
const selfByNode = new Map();
let time = 0;
let total = 0;
for (const [index, nodeId] of profile.samples.entries()) {
	const delta = profile.timeDeltas[index] ?? 0;
	time += delta;
	if (time < from || time > to) {
		continue;
	}

	selfByNode.set(nodeId, (selfByNode.get(nodeId) ?? 0) + delta);
	total += delta;
}

if (values.timeline) {
	const seconds = [];
	let at = 0;
	for (const [index, nodeId] of profile.samples.entries()) {
		const delta = profile.timeDeltas[index] ?? 0;
		at += delta;
		const second = Math.floor(at / 1e6);
		seconds[second] ??= {idle: 0, gc: 0, busy: 0};
		const name = nodes.get(nodeId).callFrame.functionName;
		const kind =
			name === '(idle)'
				? 'idle'
				: name === '(garbage collector)'
					? 'gc'
					: 'busy';
		seconds[second][kind] += delta;
	}

	console.log('second  busy %  gc %  idle %');
	for (const [second, entry] of seconds.entries()) {
		if (entry) {
			const sum = entry.idle + entry.gc + entry.busy || 1;
			const share = (value) => ((value / sum) * 100).toFixed(0).padStart(6);
			console.log(
				`${String(second).padStart(6)}  ${share(entry.busy)} ${share(entry.gc)} ${share(entry.idle)}`,
			);
		}
	}
}

const locations = new Map();
const located = (nodeId) => {
	if (!locations.has(nodeId)) {
		locations.set(nodeId, locate(nodes.get(nodeId).callFrame));
	}

	return locations.get(nodeId);
};

const byArea = new Map();
const byFunction = new Map();
for (const [nodeId, self] of selfByNode) {
	const {where, file, line, name} = located(nodeId);
	const key = `${name}  ${file}:${line}`;
	byFunction.set(key, (byFunction.get(key) ?? 0) + self);
	byArea.set(where, (byArea.get(where) ?? 0) + self);
}

// Inclusive time of our own functions (source/…, or dist/… without maps), counted once per sample.
const oursInclusive = new Map();
for (const [nodeId, self] of selfByNode) {
	let id = nodeId;
	const seen = new Set();
	while (id !== undefined) {
		const {where, file, line, name} = located(id);
		if (where.startsWith('source/') || where.startsWith('dist/')) {
			const key = `${name}  ${file}:${line}`;
			if (!seen.has(key)) {
				seen.add(key);
				oursInclusive.set(key, (oursInclusive.get(key) ?? 0) + self);
			}
		}

		id = parents.get(id);
	}
}

const percent = (value) =>
	`${((value / total) * 100).toFixed(1).padStart(5)} %`;
const top = Number(values.top);
const print = (title, map) => {
	console.log(`\n${title}`);
	for (const [key, value] of [...map]
		.toSorted((a, b) => b[1] - a[1])
		.slice(0, top)) {
		console.log(
			`  ${percent(value)}  ${(value / 1000).toFixed(0).padStart(7)} ms  ${key}`,
		);
	}
};

console.log(
	`${positionals[0]}: ${(total / 1e6).toFixed(1)} s of samples${values.from || values.to ? ` (window ${values.from ?? 0}–${values.to ?? 'end'} s)` : ''}`,
);
print('self time by area', byArea);
print('self time by function', byFunction);
print('inclusive time of our functions (source/)', oursInclusive);
