import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {
	probeProcess,
	readProcessStartTime,
} from '../../../source/core/registry/liveness.js';
import {exited} from '../../helpers/processes.js';
import {waitFor} from '../../helpers/wait-for.js';

describe('probeProcess', () => {
	test('this process is alive, with its recorded start time too', () => {
		expect(probeProcess(process.pid)).toEqual({alive: true});
		expect(
			probeProcess(process.pid, readProcessStartTime(process.pid)),
		).toEqual({alive: true});
	});

	test('a process that has exited is gone', async () => {
		const child = spawn('sleep', ['30']);
		const pid = child.pid!;
		child.kill('SIGKILL');
		await exited(child);
		expect(probeProcess(pid)).toEqual({
			alive: false,
			reason: 'no such process',
		});
	});

	test('a reused pid is told apart by its start time', () => {
		const start = readProcessStartTime(process.pid);
		expect(start).toBeTypeOf('number');
		expect(probeProcess(process.pid, start! + 1)).toEqual({
			alive: false,
			reason: 'pid reused',
		});
	});

	test('a zombie counts as gone although kill(pid, 0) still finds it', async () => {
		// `sh` starts a short child and replaces itself with `sleep`, which never reaps it.
		const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 30']);
		try {
			let output = '';
			parent.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
			});
			const pid = await waitFor(
				() => /^\d+\n/.test(output) && Number.parseInt(output, 10),
				{
					what: 'the child pid',
				},
			);
			const probe = await waitFor(
				() => {
					const result = probeProcess(pid);
					return result.alive ? undefined : result;
				},
				{what: 'the child to become a zombie'},
			);
			expect(probe).toEqual({alive: false, reason: 'zombie'});
			expect(() => {
				process.kill(pid, 0);
			}).not.toThrow();
		} finally {
			parent.kill('SIGKILL');
		}
	});

	test('never probes process groups', () => {
		expect(probeProcess(0).alive).toBe(false);
		expect(probeProcess(-1).alive).toBe(false);
	});
});
