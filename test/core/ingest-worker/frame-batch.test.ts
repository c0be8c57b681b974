import {fc, test} from '@fast-check/vitest';
import {describe, expect} from 'vitest';
import {
	FrameBatch,
	unpackFrames,
} from '../../../source/core/ingest-worker/frame-batch.js';
import {
	keptBytesPerMessage,
	recordOverheadBytes,
} from '../../../source/core/messages/record.js';

type Sent = {
	order: number;
	time: number;
	serverId: string;
	payload: Buffer;
	isBinary: boolean;
};

/** What the scrollback would keep of `sent`: the newest within the count and byte bounds. */
function newestKept(sent: Sent[], count: number, maxBytes: number): Sent[] {
	const kept: Sent[] = [];
	let bytes = 0;
	for (
		let index = sent.length - 1;
		index >= 0 && kept.length < count;
		index--
	) {
		const size =
			Math.min(sent[index]!.payload.length, keptBytesPerMessage) +
			recordOverheadBytes;
		if (kept.length > 0 && bytes + size > maxBytes) {
			break;
		}

		bytes += size;
		kept.unshift(sent[index]!);
	}

	return kept;
}

function takeAll(batch: FrameBatch) {
	const {frames, skipped} = batch.take();
	return {skipped, frames: [...unpackFrames(frames)]};
}

describe('FrameBatch', () => {
	test('keeps the newest frames up to its count, counts the rest, and starts afresh after take', () => {
		const batch = new FrameBatch(3, 1024 * 1024);
		for (let index = 0; index < 5; index++) {
			batch.push(
				index,
				1000 + index,
				index % 2 ? 'b' : 'a',
				Buffer.from(`m${index}`),
				false,
			);
		}

		const first = takeAll(batch);
		expect(first.skipped).toBe(2);
		expect(
			first.frames.map((frame) => [
				frame.order,
				frame.time,
				frame.serverId,
				frame.payload.toString(),
			]),
		).toEqual([
			[2, 1002, 'a', 'm2'],
			[3, 1003, 'b', 'm3'],
			[4, 1004, 'a', 'm4'],
		]);
		batch.push(9, 2000, 'c', Buffer.from([1, 2]), true);
		const second = takeAll(batch);
		expect(second.skipped).toBe(0);
		expect(second.frames).toHaveLength(1);
		expect(second.frames[0]).toMatchObject({
			order: 9,
			serverId: 'c',
			isBinary: true,
			length: 2,
		});
		expect([...second.frames[0]!.payload]).toEqual([1, 2]);
		expect(takeAll(batch)).toEqual({skipped: 0, frames: []});
	});

	test('keeps the first 16 KiB of a large frame and its whole length', () => {
		const batch = new FrameBatch(10, 64 * 1024 * 1024);
		const large = Buffer.alloc(keptBytesPerMessage * 3, 7);
		large[0] = 1;
		batch.push(0, 0, 'a', large, false);
		const [frame] = takeAll(batch).frames;
		expect(frame!.length).toBe(large.length);
		expect(frame!.payload).toHaveLength(keptBytesPerMessage);
		expect(frame!.payload[0]).toBe(1);
	});

	test('the byte bound evicts the oldest, but always keeps the newest', () => {
		const batch = new FrameBatch(
			100,
			2 * (keptBytesPerMessage + recordOverheadBytes),
		);
		for (let index = 0; index < 4; index++) {
			batch.push(
				index,
				0,
				'a',
				Buffer.alloc(keptBytesPerMessage, index),
				false,
			);
		}

		const {skipped, frames} = takeAll(batch);
		expect(skipped).toBe(2);
		expect(frames.map((frame) => frame.payload[0])).toEqual([2, 3]);
		const tiny = new FrameBatch(5, 1);
		tiny.push(0, 0, 'a', Buffer.from('only'), false);
		expect(
			takeAll(tiny).frames.map((frame) => frame.payload.toString()),
		).toEqual(['only']);
	});

	test('the arena grows for large frames and gives the memory back after', () => {
		const batch = new FrameBatch(200, 64 * 1024 * 1024);
		const before = batch.arenaBytes;
		for (let index = 0; index < 150; index++) {
			batch.push(
				index,
				0,
				'a',
				Buffer.alloc(keptBytesPerMessage, index % 256),
				false,
			);
		}

		expect(batch.arenaBytes).toBeGreaterThan(before);
		const {frames} = takeAll(batch);
		expect(frames.map((frame) => frame.payload[100])).toEqual(
			Array.from({length: 150}, (_, index) => index % 256),
		);
		for (let round = 0; round < 20; round++) {
			batch.push(round, 0, 'a', Buffer.from('small'), false);
			takeAll(batch);
		}

		expect(batch.arenaBytes).toBe(before);
	});

	test('refuses a capacity that is not a positive integer', () => {
		expect(() => new FrameBatch(0, 10)).toThrow(RangeError);
		expect(() => new FrameBatch(1.5, 10)).toThrow(RangeError);
	});

	test.prop(
		[
			fc.integer({min: 1, max: 40}),
			fc.integer({min: 1, max: 200_000}),
			fc.integer({min: 1, max: 4096}),
			fc.array(
				fc.array(
					fc.record({
						size: fc.oneof(
							fc.integer({min: 0, max: 300}),
							fc.integer({min: 0, max: keptBytesPerMessage * 2}),
						),
						server: fc.constantFrom('a', 'b', 'c'),
						isBinary: fc.boolean(),
						fill: fc.integer({min: 0, max: 255}),
					}),
					{maxLength: 120},
				),
				{minLength: 1, maxLength: 5},
			),
		],
		{numRuns: 60},
	)(
		'every batch is exactly the newest frames the scrollback bounds keep, byte for byte; the rest are counted',
		(count, maxBytes, arenaBytes, rounds) => {
			const batch = new FrameBatch(count, maxBytes, arenaBytes);
			let order = 0;
			for (const round of rounds) {
				const sent: Sent[] = [];
				for (const frame of round) {
					sent.push({
						order,
						time: order * 10,
						serverId: frame.server,
						payload: Buffer.alloc(frame.size, frame.fill),
						isBinary: frame.isBinary,
					});
					order++;
				}

				for (const frame of sent) {
					batch.push(
						frame.order,
						frame.time,
						frame.serverId,
						frame.payload,
						frame.isBinary,
					);
				}

				const {skipped, frames} = takeAll(batch);
				const expected = newestKept(sent, count, maxBytes);
				expect(skipped).toBe(sent.length - expected.length);
				expect(
					frames.map((frame) => ({
						order: frame.order,
						time: frame.time,
						serverId: frame.serverId,
						length: frame.length,
						isBinary: frame.isBinary,
						payload: frame.payload.toString('hex'),
					})),
				).toEqual(
					expected.map((frame) => ({
						order: frame.order,
						time: frame.time,
						serverId: frame.serverId,
						length: frame.payload.length,
						isBinary: frame.isBinary,
						payload: frame.payload
							.subarray(0, keptBytesPerMessage)
							.toString('hex'),
					})),
				);
			}
		},
	);
});
