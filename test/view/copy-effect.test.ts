/**
The `copy` effect: what reaches the terminal is one OSC 52 sequence of base64 only, whose text is the
message made inert, cut under the terminals' cap; the answer says how much went.
*/
import {Buffer} from 'node:buffer';
import {describe, expect, test} from 'vitest';
import {fc, test as property} from '@fast-check/vitest';
import {
	frameRecord,
	type MessageRecord,
} from '../../source/core/messages/record.js';
import {maxClipboardBytes} from '../../source/terminal/clipboard.js';
import {type Feedback} from '../../source/view/feedback.js';
import {runEffects} from '../../source/view/run-effects.js';
import {fakeStore, snapshotOf} from '../helpers/monitor-fixtures.js';

/* eslint-disable no-control-regex -- what must never reach a terminal or a paste */
const osc52 = /^\u001B]52;c;([A-Za-z\d+/=]*)\u0007$/;
/** Any control but LF, C1, or a bidi control: none may be in copied text. */
const inertBreaker =
	/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

const noop = () => undefined;

const record = (text: string | Buffer, seq = 7): MessageRecord =>
	frameRecord({seq, time: 0, serverId: 'alpha', direction: 'in'}, text, false);

function copy(
	message: MessageRecord,
	pretty = false,
	{canWrite = true}: {canWrite?: boolean} = {},
) {
	const written: string[] = [];
	const said: Array<Feedback | undefined> = [];
	const snapshot = snapshotOf({messages: [message]});
	runEffects([{type: 'copy', seq: message.seq, pretty}], {
		store: fakeStore(snapshot),
		snapshot,
		exit: () => undefined,
		suspend: () => undefined,
		say(feedback) {
			said.push(feedback);
		},
		...(canWrite
			? {
					writeTerminal(data: string) {
						written.push(data);
					},
				}
			: {}),
	});
	return {written, said};
}

/** The text inside one OSC 52 sequence, after checking it carries base64 only. */
function clipboardText(sequence: string): string {
	const match = osc52.exec(sequence);
	expect(match, JSON.stringify(sequence.slice(0, 80))).not.toBeNull();
	return Buffer.from(match![1]!, 'base64').toString('utf8');
}

describe('the copy effect', () => {
	test('writes the message as OSC 52 and says how much was copied', () => {
		const {written, said} = copy(record('hello there'));
		expect(written).toHaveLength(1);
		expect(clipboardText(written[0]!)).toBe('hello there');
		expect(said).toEqual([{text: 'copied 11 B', tone: 'info'}]);
	});

	test('JSON goes compact, or pretty-printed for Y', () => {
		const json = '{"type":"tool","payload":{"n":4}}';
		expect(clipboardText(copy(record(json)).written[0]!)).toBe(json);
		expect(clipboardText(copy(record(json), true).written[0]!)).toBe(
			'{\n  "type": "tool",\n  "payload": {\n    "n": 4\n  }\n}',
		);
	});

	test('the copied text is inert: line breaks stay, escapes, C1 and bidi controls become visible text', () => {
		const hostile =
			'line one\nrm -rf ~\u001B[2J\u001B]0;title\u0007\r\u009B31m\u202Eevil';
		const text = clipboardText(copy(record(hostile)).written[0]!);
		expect(text.split('\n')).toHaveLength(2);

		expect(text).not.toMatch(inertBreaker);
		const json = clipboardText(
			copy(record(String.raw`{"a":"\u202E\u001b[2J"}`)).written[0]!,
		);
		expect(json).not.toMatch(inertBreaker);
	});

	test('a message bigger than the terminals take is cut, and the answer says so', () => {
		// 16 KiB of binary is kept, and its hex dump is larger than an OSC 52 sequence may be.
		const binary = frameRecord(
			{seq: 7, time: 0, serverId: 'alpha', direction: 'in'},
			Buffer.alloc(16 * 1024, 0xab),
			true,
		);
		const {written, said} = copy(binary);
		const copied = clipboardText(written[0]!);
		expect(Buffer.byteLength(copied)).toBeLessThanOrEqual(maxClipboardBytes);
		expect(binary.decoded().full.startsWith(copied)).toBe(true);
		expect(said[0]?.text).toMatch(
			/^copied 73\.2 KiB of \d+\.\d KiB \(terminals cap OSC 52\)$/,
		);
		expect(copy(record('x'.repeat(100))).said[0]?.text).toBe('copied 100 B');
	});

	test('a message no longer kept, or no terminal to write to, copies nothing and says why', () => {
		const gone = fakeStore(snapshotOf());
		const said: Array<Feedback | undefined> = [];
		const written: string[] = [];
		runEffects([{type: 'copy', seq: 99, pretty: false}], {
			store: gone,
			snapshot: snapshotOf({messages: [record('x')]}),
			exit: noop,
			suspend: noop,
			say(feedback) {
				said.push(feedback);
			},
			writeTerminal(data) {
				written.push(data);
			},
		});
		expect(written).toEqual([]);
		expect(said[0]).toMatchObject({tone: 'warning'});
		expect(copy(record('x'), false, {canWrite: false}).written).toEqual([]);
	});

	property.prop([fc.string({unit: 'binary', maxLength: 300}), fc.boolean()], {
		numRuns: 200,
	})('any message copies as base64 of inert text', (text, pretty) => {
		const {written} = copy(record(text), pretty);
		const copied = clipboardText(written[0]!);

		expect(copied).not.toMatch(inertBreaker);
	});
});
