/**
Filtering and searching in slices (issue 11): a frame tests only what its budget allows, the lines on
screen first, and later frames finish the count, which then equals a full scan's exactly.
*/
import {describe, expect, test} from 'vitest';
import {
	frameRecord,
	type MessageRecord,
} from '../../source/core/messages/record.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {parseTextPattern} from '../../source/core/query/text-pattern.js';
import {frameBudget, unlimited} from '../../source/view/match-budget.js';
import {parseShow} from '../../source/view/commands/inspect-commands.js';
import {
	filterMessages,
	findMatches,
	scanMessages,
	type MatchScan,
	type ScanQuery,
} from '../../source/view/message-window.js';
import {styledPieces} from '../../source/view/styled-pieces.js';
import {drawnText} from '../../source/view/record-match.js';

function pattern(text: string) {
	const parsed = parseTextPattern(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.pattern;
}

function filter(terms: string) {
	const parsed = parseFilter(terms);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}

	return parsed.filter;
}

/** The bench's mix, in small: logs (every 5th a warning), heartbeats, channel frames, some sent. */
function backlog(count: number): MessageRecord[] {
	return Array.from({length: count}, (_, index) => {
		const kind = index % 3;
		const text =
			kind === 0
				? JSON.stringify({
						type: 'log',
						level: index % 5 === 0 ? 'warn' : 'info',
						n: index,
					})
				: kind === 1
					? JSON.stringify({type: 'heartbeat', n: index})
					: JSON.stringify(['room:1', 'message', {text: `hello ${index}`}]);
		return frameRecord(
			{
				seq: index,
				time: 0,
				serverId: `flood-${index % 7}`,
				direction: index % 11 === 0 ? 'out' : 'in',
			},
			text,
			false,
		);
	});
}

/** Frames of `perFrame` tests each until the scan is complete (at most `maxFrames`). */
function scanInFrames(
	messages: readonly MessageRecord[],
	query: ScanQuery,
	{perFrame, maxFrames = 100}: {perFrame: number; maxFrames?: number},
): MatchScan[] {
	const frames: MatchScan[] = [];
	for (let frame = 0; frame < maxFrames; frame++) {
		const scan = scanMessages(messages, query, {
			budget: frameBudget({ms: 60_000, maxTests: perFrame}),
		});
		frames.push(scan);
		if (scan.pending === 0) {
			break;
		}
	}

	return frames;
}

describe('matching in slices', () => {
	test('a big backlog is matched over several frames and the counts converge to the exact numbers', () => {
		const messages = backlog(12_000);
		const query = {
			filter: filter('in !heartbeat'),
			find: pattern('warn'),
			colour: true,
		};
		const frames = scanInFrames(messages, query, {perFrame: 1500});
		const last = frames.at(-1)!;
		expect(last.pending).toBe(0);
		// Filter and search each test a record once: 12 000 + the shown ones, 1 500 a frame.
		expect(frames.length).toBeGreaterThan(8);
		expect(frames[0]!.pending).toBeGreaterThan(10_000);
		// While counting, the numbers only grow, and never pass the exact ones.
		const exactShown = filterMessages(messages, filter('in !heartbeat'));
		const exactMatches = findMatches(exactShown, pattern('warn'));
		for (const [index, frame] of frames.entries()) {
			expect(frame.matching.length).toBeLessThanOrEqual(exactShown.length);
			expect(frame.matchSeqs.length).toBeLessThanOrEqual(exactMatches.length);
			if (index > 0) {
				expect(frame.matchSeqs.length).toBeGreaterThanOrEqual(
					frames[index - 1]!.matchSeqs.length,
				);
			}
		}

		expect(last.matching.map((message) => message.seq)).toEqual(
			exactShown.map((message) => message.seq),
		);
		expect(last.matchSeqs).toEqual(exactMatches);
		expect(last.hidden).toBe(messages.length - exactShown.length);
		// The fixture's own arithmetic: in, not a heartbeat, and a warning.
		expect(exactMatches).toHaveLength(
			messages.filter(
				(message) =>
					message.seq % 11 !== 0 &&
					message.seq % 3 === 0 &&
					message.seq % 5 === 0,
			).length,
		);
	});

	test('the newest lines are answered first, so a following pane is right in the first frame', () => {
		const messages = backlog(5000);
		const first = scanMessages(
			messages,
			{filter: filter('in !heartbeat'), colour: true},
			{budget: frameBudget({ms: 60_000, maxTests: 60})},
		);
		expect(first.pending).toBe(5000 - 60);
		const newest = messages
			.slice(-60)
			.filter((message) => message.direction === 'in' && message.seq % 3 !== 1);
		expect(first.matching).toEqual(newest);
	});

	test('a paused pane has the lines up to its anchor answered first', () => {
		const messages = backlog(5000);
		const first = scanMessages(
			messages,
			{find: pattern('warn'), colour: true},
			{budget: frameBudget({ms: 60_000, maxTests: 100}), fromSeq: 2000},
		);
		// Seqs 1901 … 2000, and the warnings among them (every 15th).
		expect(first.matchSeqs).toEqual([1905, 1920, 1935, 1950, 1965, 1980, 1995]);
		expect(first.pending).toBe(4900);
	});

	test('an unfinished scan that more frames finish agrees with one that had all the time', () => {
		const messages = backlog(3000);
		const query = {
			filter: filter(String.raw`!@flood-3 /hello \d+5"/`),
			colour: false,
		};
		const frames = scanInFrames(messages, query, {
			perFrame: 7,
			maxFrames: 1000,
		});
		const sliced = frames.at(-1)!;
		expect(frames.length).toBeGreaterThan(400);
		const whole = scanMessages(
			messages,
			{filter: filter(String.raw`!@flood-3 /hello \d+5"/`), colour: false},
			{budget: frameBudget({ms: 60_000})},
		);
		expect(sliced.pending).toBe(0);
		expect(sliced.matching).toEqual(whole.matching);
		expect(sliced.hidden).toBe(whole.hidden);
	});
});

describe('with /show', () => {
	const lines = [
		frameRecord(
			{seq: 0, time: 0, serverId: 'alpha', direction: 'in'},
			JSON.stringify({type: 'tick', payload: {n: 41}}),
			false,
		),
		frameRecord(
			{seq: 1, time: 0, serverId: 'alpha', direction: 'in'},
			'tick 41, not JSON',
			false,
		),
		frameRecord(
			{seq: 2, time: 0, serverId: 'beta', direction: 'in'},
			JSON.stringify({type: 'tick', payload: {n: 42}}),
			false,
		),
	];
	const show = (text: string) => {
		const parsed = parseShow(text);
		if (!parsed.ok) {
			throw new Error(parsed.error);
		}

		return parsed.show;
	};

	const found = (text: string, shown?: string) =>
		scanMessages(
			lines,
			{
				find: pattern(text),
				colour: true,
				...(shown === undefined ? {} : {show: show(shown)}),
			},
			{budget: unlimited},
		).matchSeqs;

	test('/find counts the projection a line shows, as it highlights it', () => {
		expect(found('tick')).toEqual([0, 1, 2]);
		// `payload.n` shows 41 and 42: no "tick" on those lines any more.
		expect(found('tick', 'payload.n')).toEqual([1]);
		expect(found('41', 'payload.n')).toEqual([0, 1]);
		// Only alpha's lines are projected.
		expect(found('tick', '@alpha payload.n')).toEqual([1, 2]);
	});

	test('a filter reads the projection too', () => {
		const shownFilter = scanMessages(
			lines,
			{filter: filter('!tick'), colour: true, show: show('payload.n')},
			{budget: unlimited},
		);
		expect(shownFilter.matching.map((line) => line.seq)).toEqual([0, 2]);
	});
});

describe('under a flood', () => {
	/** A budget of `maxTests` that counts what it gave. */
	function counting(maxTests: number) {
		const budget = frameBudget({ms: 60_000, maxTests});
		let given = 0;
		return {
			budget: {
				take() {
					const ok = budget.take();
					given += ok ? 1 : 0;
					return ok;
				},
			},
			given: () => given,
		};
	}

	test('when more arrive than a frame can test, only the lines on screen are tested; counting resumes when the stream slows', () => {
		const all = backlog(11_000);
		const query = {
			filter: filter('in !heartbeat'),
			find: pattern('warn'),
			colour: true,
		};
		const frame = (messages: readonly MessageRecord[], maxTests = 500) => {
			const slice = counting(maxTests);
			const scan = scanMessages(messages, query, {
				budget: slice.budget,
				rows: 10,
			});
			return {scan, tests: slice.given()};
		};

		// The first frame does not know the pace yet: it uses its slice, and learns 500 a frame.
		expect(frame(all.slice(0, 5000)).tests).toBe(500);
		// 5 000 new ones: more than 500, so only the 10 lines on screen (and what is hidden between them).
		const flooded = frame(all.slice(5000, 10_000));
		expect(flooded.tests).toBeLessThan(40);
		expect(flooded.scan.matching.slice(-10)).toEqual(
			all
				.slice(5000, 10_000)
				.filter(
					(message) => message.direction === 'in' && message.seq % 3 !== 1,
				)
				.slice(-10),
		);
		expect(flooded.scan.pending).toBeGreaterThan(4900);
		// Nothing new (the flood stopped): the whole slice goes to the count again.
		expect(frame(all.slice(5000, 10_000)).tests).toBe(500);
		// 400 new ones, fewer than a frame can test: counted in full slices, until the count is done.
		const slower = all.slice(5400, 10_400);
		let last = frame(slower);
		expect(last.tests).toBe(500);
		for (let index = 0; index < 30 && last.scan.pending > 0; index++) {
			last = frame(slower);
		}

		expect(last.scan.pending).toBe(0);
		expect(last.scan.matchSeqs).toEqual(
			findMatches(
				filterMessages(slower, filter('in !heartbeat')),
				pattern('warn'),
			),
		);
	});
});

describe('the frame budget', () => {
	test('stops once its time is spent, but always allows one test', () => {
		let clock = 0;
		const budget = frameBudget({ms: 4, now: () => clock});
		expect(budget.take()).toBe(true);
		clock = 3;
		expect(budget.take()).toBe(true);
		clock = 4;
		expect(budget.take()).toBe(false);
		clock = 0;
		expect(budget.take()).toBe(false);
		const late = frameBudget({ms: 0, now: () => 10});
		expect(late.take()).toBe(true);
		expect(late.take()).toBe(false);
	});

	test('stops after maxTests', () => {
		const budget = frameBudget({ms: 1000, maxTests: 2, now: () => 0});
		expect([budget.take(), budget.take(), budget.take()]).toEqual([
			true,
			true,
			false,
		]);
	});
});

describe('with servers’ colours drawn', () => {
	const coloured = [
		frameRecord(
			{seq: 0, time: 0, serverId: 'agent', direction: 'in'},
			'\u001B[31merror\u001B[0m: disk full',
			false,
		),
		frameRecord(
			{seq: 1, time: 0, serverId: 'agent', direction: 'in'},
			'plain [31m text',
			false,
		),
	];

	test('/find counts what the line shows, as the highlight does', () => {
		// Drawn in colour the first line reads "error: disk full": no "[31m" in it.
		expect(findMatches(coloured, pattern('[31m'), true)).toEqual([1]);
		expect(findMatches(coloured, pattern('error: disk'), true)).toEqual([0]);
		// With /ansi off the sequence is shown escaped, and found.
		expect(findMatches(coloured, pattern('[31m'), false)).toEqual([0, 1]);
		expect(findMatches(coloured, pattern('error: disk'), false)).toEqual([]);
	});

	test('the lines counted are exactly the lines with a highlight', () => {
		for (const text of ['[31m', 'error', 'r: d', '31', 'm']) {
			for (const colour of [true, false]) {
				const counted = findMatches(coloured, pattern(text), colour);
				const highlighted = coloured
					.filter((record) => {
						const frame =
							colour && record.styled ? record.styled() : record.decoded();
						return styledPieces(frame.preview, pattern(text)).some(
							(piece) => piece.isMatch,
						);
					})
					.map((record) => record.seq);
				expect(counted, `${text} colour ${colour}`).toEqual(highlighted);
			}
		}
	});

	test('the text tested is the text drawn, SGR taken out', () => {
		expect(drawnText(coloured[0]!, true)).toBe('error: disk full');
		expect(drawnText(coloured[0]!, false)).toContain('[31merror');
	});

	test('a filter reads the drawn text too', () => {
		expect(
			filterMessages(coloured, filter('"error: disk"'), true).map(
				(record) => record.seq,
			),
		).toEqual([0]);
		expect(filterMessages(coloured, filter('"error: disk"'), false)).toEqual(
			[],
		);
	});
});
