/**
The monitor's App, drawn by the bundled (patched) Ink into an in-memory terminal, redrawn `frames`
times as an idle screen is in its first minute: each snapshot is the last one with the clock one
second on, so every uptime ticks (they stay between 5 and 55 s, where they show seconds), and, like
the store's, fresh row objects. Prints the CPU time per frame. Built and run by
frame-cost.mjs; not a test.
*/
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import {App} from '../../../source/app.js';
import {type MonitorSnapshot} from '../../../source/core/store.js';
import {
	fakeStore,
	serverRow,
	snapshotOf,
	textMessages,
} from '../../helpers/monitor-fixtures.js';

const [serverCount = 10, frameCount = 300, columns = 120, rows = 40] =
	process.argv.slice(2).map(Number);

// eslint-disable-next-line unicorn/prefer-event-target -- Ink writes to a Node stream
class Terminal extends EventEmitter {
	isTTY = true;
	columns = columns;
	rows = rows;
	bytes = 0;
	write = (data: string) => {
		this.bytes += data.length;
		return true;
	};
}

const noop = () => undefined;

// eslint-disable-next-line unicorn/prefer-event-target -- Ink reads a Node stream's events
class Keyboard extends EventEmitter {
	isTTY = true;
	setEncoding = noop;
	setRawMode = noop;
	resume = noop;
	pause = noop;
	ref = noop;
	unref = noop;
	read = () => null;
}

const start = 1_700_000_000_000;
let now = start;
const servers = Array.from({length: serverCount}, (_, index) =>
	serverRow(`quiet-${String(index + 1).padStart(4, '0')}`, {}),
);
const messages = textMessages(40, 'quiet-0001');
const snapshotAt = (at: number, version: number): MonitorSnapshot =>
	snapshotOf({
		// The store copies every row on each publish.
		servers: servers.map((server, index) => ({
			...server,
			state: {
				...server.state,
				connectedAt: at - 5000 - ((version % 50) * 1000 + index * 37),
			},
			counters: {...server.counters},
		})),
		messages,
		version,
		now: at,
	});

const store = fakeStore(snapshotAt(now, 0));
const stdout = new Terminal();
let rendered = 0;
const instance = render(
	<App store={store} registryLabel="/tmp/servers.json" />,
	{
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: new Keyboard() as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		maxFps: 60,
		patchConsole: false,
		onRender() {
			rendered++;
		},
	},
);

const sleep = async (ms: number) =>
	new Promise((resolve) => {
		setTimeout(resolve, ms);
	});

// Warm-up, then the measured frames; each is given time to draw (Ink's throttle is 60 fps).
for (const measured of [false, true]) {
	const cpu0 = process.cpuUsage();
	const bytes0 = stdout.bytes;
	const rendered0 = rendered;
	const count = measured ? frameCount : 50;
	for (let frame = 1; frame <= count; frame++) {
		now += 1000;
		store.publish(snapshotAt(now, frame));
		// eslint-disable-next-line no-await-in-loop
		await sleep(20);
	}

	const cpu = process.cpuUsage(cpu0);
	if (measured) {
		const frames = rendered - rendered0;
		console.log(
			JSON.stringify({
				servers: serverCount,
				frames,
				cpuMsPerFrame:
					Math.round(
						((cpu.user + cpu.system) / 1000 / Math.max(1, frames)) * 100,
					) / 100,
				bytesPerFrame: Math.round(
					(stdout.bytes - bytes0) / Math.max(1, frames),
				),
			}),
		);
	}
}

instance.unmount();
