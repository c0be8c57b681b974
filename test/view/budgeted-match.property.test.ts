/**
Properties of matching in slices over server text: any budget, any anchor, ends where a scan with
all the time ends; and on any text, coloured or not, a line is counted by `/find` exactly when it has
a highlight.
*/
import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {frameRecord} from '../../source/core/messages/record.js';
import {parseFilter} from '../../source/core/query/filter.js';
import {parseTextPattern} from '../../source/core/query/text-pattern.js';
import {frameBudget, unlimited} from '../../source/view/match-budget.js';
import {findMatches, scanMessages} from '../../source/view/message-window.js';
import {drawnText} from '../../source/view/record-match.js';
import {styledPieces} from '../../source/view/styled-pieces.js';
import {hostileString} from '../helpers/hostile-text.js';

/** Server text with SGR colours among hostile characters, and words a search can look for. */
const serverText = fc
	.array(
		fc.oneof(
			hostileString(12),
			fc.constantFrom(
				'\u001B[31m',
				'\u001B[1;4m',
				'\u001B[0m',
				'\u001B[38;5;200m',
				'\u001B[m',
				'warn',
				'WARN',
				'[31m',
				' ',
			),
		),
		{maxLength: 8},
	)
	.map((parts) => parts.join(''));

const records = fc.array(
	fc.record({
		text: serverText,
		server: fc.constantFrom('alpha', 'beta'),
		out: fc.boolean(),
	}),
	{maxLength: 40},
);

const needle = fc.constantFrom('warn', 'WARN', '[31m', 'a', '/w.?r/i', '31');

function build(
	rows: ReadonlyArray<{text: string; server: string; out: boolean}>,
) {
	return rows.map((row, seq) =>
		frameRecord(
			{seq, time: 0, serverId: row.server, direction: row.out ? 'out' : 'in'},
			row.text,
			false,
		),
	);
}

function parsed<T>(result: ({ok: true} & T) | {ok: false; error: string}): T {
	if (!result.ok) {
		throw new Error(result.error);
	}

	return result;
}

describe('matching in slices', () => {
	test.prop(
		[
			records,
			needle,
			fc.record({
				perFrame: fc.integer({min: 1, max: 9}),
				anchor: fc.option(fc.nat(45), {nil: undefined}),
				colour: fc.boolean(),
			}),
		],
		{numRuns: 150},
	)(
		'any budget and anchor end with the answers of a scan with all the time',
		(rows, text, {perFrame, anchor, colour}) => {
			const messages = build(rows);
			// Fresh objects for each scan, so none reuses the other's kept answers.
			const query = () => ({
				filter: parsed(parseFilter(`@alpha !${text === 'a' ? 'b' : 'x'}`))
					.filter,
				find: parsed(parseTextPattern(text)).pattern,
				colour,
			});
			const sliced = query();
			let scan = scanMessages(messages, sliced, {
				budget: frameBudget({ms: 1e9, maxTests: perFrame}),
				fromSeq: anchor,
			});
			for (let frame = 0; frame < 200 && scan.pending > 0; frame++) {
				scan = scanMessages(messages, sliced, {
					budget: frameBudget({ms: 1e9, maxTests: perFrame}),
					fromSeq: anchor,
				});
			}

			const whole = scanMessages(messages, query(), {budget: unlimited});
			expect(scan.pending).toBe(0);
			expect(scan.matching).toEqual(whole.matching);
			expect(scan.matchSeqs).toEqual(whole.matchSeqs);
			expect(scan.hidden).toBe(whole.hidden);
		},
	);
});

describe('count and highlight', () => {
	test.prop([records, needle, fc.boolean()], {numRuns: 150})(
		'a line is counted exactly when it is drawn with a highlight',
		(rows, text, colour) => {
			const messages = build(rows);
			const {pattern} = parsed(parseTextPattern(text));
			const highlighted = messages
				.filter((record) => {
					const frame =
						colour && record.styled ? record.styled() : record.decoded();
					return styledPieces(frame.preview, pattern).some(
						(piece) => piece.isMatch,
					);
				})
				.map((record) => record.seq);
			expect(findMatches(messages, pattern, colour)).toEqual(highlighted);
			// What is tested never holds a sequence a terminal would act on.
			for (const record of messages) {
				expect(drawnText(record, colour)).not.toContain('\u001B');
			}
		},
	);
});
