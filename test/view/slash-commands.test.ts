import {describe, expect, test} from 'vitest';
import {parseSubmission} from '../../source/view/slash-commands.js';

const ids = ['api', 'worker'];

describe('parseSubmission', () => {
	test('plain text is sent; // sends a literal leading slash', () => {
		expect(parseSubmission('hello', ids)).toEqual({
			kind: 'send',
			text: 'hello',
		});
		expect(parseSubmission('//etc/passwd', ids)).toEqual({
			kind: 'send',
			text: '/etc/passwd',
		});
	});

	test('reads every slash command', () => {
		expect(parseSubmission('/help', ids)).toEqual({kind: 'help'});
		expect(parseSubmission('/to worker', ids)).toEqual({
			kind: 'to',
			target: 'worker',
		});
		expect(parseSubmission('/to all', ids)).toEqual({kind: 'to'});
		expect(parseSubmission('/filter @api error here', ids)).toEqual({
			kind: 'filter',
			filter: {server: 'api', text: 'error here'},
		});
		expect(parseSubmission('/filter', ids)).toEqual({
			kind: 'filter',
			filter: {},
		});
		expect(parseSubmission('/clear', ids)).toEqual({kind: 'clear'});
		expect(parseSubmission('/save out.log', ids)).toEqual({
			kind: 'save',
			file: 'out.log',
		});
		expect(parseSubmission('/sub reasoning:abc', ids)).toEqual({
			kind: 'sub',
			topic: 'reasoning:abc',
		});
		expect(parseSubmission('/unsub reasoning:abc', ids)).toEqual({
			kind: 'unsub',
			topic: 'reasoning:abc',
		});
		expect(parseSubmission('/quit', ids)).toEqual({kind: 'quit'});
	});

	test('explains mistakes', () => {
		expect(parseSubmission('/to nobody', ids)).toEqual({
			kind: 'error',
			message: 'no server "nobody" (ids: api, worker)',
		});
		expect(parseSubmission('/save', ids)).toMatchObject({
			kind: 'error',
			message: expect.stringContaining('needs a file'),
		});
		expect(parseSubmission('/frobnicate', ids)).toMatchObject({
			kind: 'error',
			message: expect.stringContaining('unknown command /frobnicate'),
		});
		expect(parseSubmission('   ', ids)).toEqual({kind: 'nothing'});
	});
});
