import {isLocalEntry} from '../registry/host-id.js';
import {type ProcessProbe} from '../registry/liveness.js';
import {type ServerEntry} from '../registry/schema.js';
import {rawDataLength} from '../raw-data.js';
import {planAddress, planTarget, type AddressPlan} from './address-policy.js';
import {
	type ConnectionListener,
	type ConnectionOptions,
} from './connection-options.js';
import {errorText} from './failure.js';
import {
	afterSocketEnd,
	attemptingState,
	connectionKey,
	staleStep,
	stoppedTrying,
	type Step,
} from './lifecycle.js';
import {quietly} from './quietly.js';
import {sendText} from './send-text.js';
import {
	closeAttempt,
	openSocket,
	type SocketAttempt,
} from './socket-attempt.js';
import {type ConnectionState, type Counters, type Delivery} from './types.js';

type HostPlan = Exclude<AddressPlan, {withheld: string}>;

export {connectionKey} from './lifecycle.js';
export {
	type ConnectionListener,
	type ConnectionOptions,
} from './connection-options.js';
export {boundedReason, maxReasonLength} from './failure.js';

/**
One registry entry's WebSocket: connects, keeps a heartbeat, counts traffic, and retries with
backoff while the entry's process is alive. A dead process makes it stale, with no retries. What
to do after each outcome is decided in `lifecycle.ts`; this class does the I/O and keeps the timers.
*/
export class Connection {
	entry: ServerEntry;
	state: ConnectionState = {status: 'connecting', attempt: 0};
	readonly counters: Counters = {
		messagesIn: 0,
		bytesIn: 0,
		messagesOut: 0,
		bytesOut: 0,
	};

	private current: SocketAttempt | undefined;
	private retryTimer: NodeJS.Timeout | undefined;
	private preferredHost = 0;
	/** Gives back this connection's handshake slot, or its place in the queue for one. */
	private leaveGate: (() => void) | undefined;
	private disposed = false;
	private paused = false;

	constructor(
		entry: ServerEntry,
		private readonly options: ConnectionOptions,
		private readonly listener: ConnectionListener,
	) {
		this.entry = entry;
	}

	get id(): string {
		return this.entry.id;
	}

	start(): void {
		this.connect(0);
	}

	/** A new version of the entry: reconnect at once if where or how to connect changed. */
	update(entry: ServerEntry): void {
		const reconnect = connectionKey(entry) !== connectionKey(this.entry);
		this.entry = entry;
		if (!reconnect) {
			this.listener.changed();
			return;
		}

		this.dropSocket(1001, 'registry entry changed');
		clearTimeout(this.retryTimer);
		this.state = {status: 'connecting', attempt: 0};
		this.preferredHost = 0;
		this.connect(0);
	}

	/** Sends one text frame, unless the peer is not connected or not reading. */
	async send(text: string): Promise<Delivery> {
		return sendText(this.current?.socket, text, {
			id: this.id,
			status: this.state.status,
			maxBufferedBytes: this.options.maxBufferedBytes,
			sending: (bytes) => {
				this.counters.messagesOut++;
				this.counters.bytesOut += bytes;
				this.listener.changed();
			},
		});
	}

	/** Stops reading from the socket (ingest budget); the kernel buffers meanwhile. */
	pause(): void {
		this.paused = true;
		quietly(() => this.current?.socket.pause());
	}

	resume(): void {
		this.paused = false;
		quietly(() => this.current?.socket.resume());
	}

	/** Closes for good, telling the server why (going away: removed, or the monitor quit). */
	dispose(reason = 'removed from registry'): void {
		this.disposed = true;
		clearTimeout(this.retryTimer);
		this.dropSocket(1001, reason);
		this.state = {...this.state, status: 'closed', nextRetryAt: undefined};
	}

	/** Another machine's pid means nothing here: its entry lives as long as its registry lease. */
	private probeProcess(): ProcessProbe {
		return isLocalEntry(this.entry)
			? this.options.probe(this.entry.pid, this.entry.procStart)
			: {alive: true};
	}

	private connect(hostIndex: number): void {
		if (this.disposed) {
			return;
		}

		const probe = this.probeProcess();
		if (!probe.alive) {
			this.apply(staleStep(this.state, this.entry.pid, probe.reason));
			return;
		}

		const plan = planAddress(this.entry);
		if ('withheld' in plan) {
			this.apply(stoppedTrying(this.state, 'withheld', plan.withheld));
			return;
		}

		this.state = attemptingState(this.state);
		const {handshakes} = this.options;
		const open = (leave: () => void) => {
			this.open(plan, hostIndex, leave);
		};

		if (handshakes) {
			this.leaveGate = handshakes.enter(open);
		} else {
			open(() => undefined);
		}
	}

	/** Opens one socket; `leave` gives its handshake slot back once it opened or ended. */
	private open(plan: HostPlan, hostIndex: number, leave: () => void): void {
		if (this.disposed) {
			leave();
			return;
		}

		const target = planTarget(this.entry, plan, this.preferredHost + hostIndex);
		try {
			if ('invalid' in target) {
				throw new Error(target.invalid);
			}

			// Throws for what the schema should have refused (a URL or header that cannot be); such
			// an entry fails alone.
			this.current = openSocket({
				...this.options,
				...plan,
				url: target.url,
				hostIndex,
				leave,
				greetings: () => this.options.greetings?.(this.id) ?? [],
				paused: () => this.paused,
				opened: () => {
					this.preferredHost =
						(this.preferredHost + hostIndex) % plan.hosts.length;
					this.onOpen();
				},
				message: (data, isBinary) => {
					this.counters.messagesIn++;
					this.counters.bytesIn += rawDataLength(data);
					this.listener.message(this.id, data, isBinary);
				},
				measured: (rttMs) => {
					this.counters.rttMs = rttMs;
					this.listener.measured();
				},
				ended: (attempt) => {
					this.onSocketEnd(attempt);
				},
			});
		} catch (error: unknown) {
			leave();
			const why = `cannot connect: ${errorText(error)}`;
			this.apply(stoppedTrying(this.state, 'invalid', why));
		}
	}

	/** Takes a step's state, tells its event, and lets the view know. */
	private apply({state, event}: Step): void {
		this.state = state;
		if (event) {
			this.listener.event(this.id, event);
		}

		this.listener.changed();
	}

	private onOpen(): void {
		const connectedAt = this.options.now();
		this.state = {
			status: 'connected',
			attempt: this.state.attempt,
			connectedAt,
		};
		this.listener.event(this.id, {event: 'connected'});
		this.listener.changed();
	}

	private onSocketEnd(ended: SocketAttempt): void {
		if (ended !== this.current) {
			return; // An old socket, dropped after an entry change or removal.
		}

		this.current = undefined;
		if (this.disposed) {
			return;
		}

		const plan = planAddress(this.entry);
		const decision = afterSocketEnd({
			...this.options,
			failure: ended.failure,
			hostIndex: ended.hostIndex,
			hostCount: 'hosts' in plan ? plan.hosts.length : 0,
			state: this.state,
			entry: this.entry,
			probe: () => this.probeProcess(),
			now: this.options.now(),
		});
		if (decision.next === 'other-host') {
			this.connect(decision.hostIndex);
			return;
		}

		for (const event of decision.events) {
			this.listener.event(this.id, event);
		}

		if (decision.next === 'stale') {
			this.apply(decision.step);
			return;
		}

		this.state = decision.state;
		this.retryTimer = setTimeout(() => {
			this.connect(0);
		}, decision.delayMs);
		this.listener.changed();
	}

	private dropSocket(code: number, reason: string): void {
		const attempt = this.current;
		this.current = undefined;
		// Out of the handshake queue, or the slot given back.
		this.leaveGate?.();
		this.leaveGate = undefined;
		if (attempt) {
			closeAttempt(attempt, code, reason);
		}
	}
}
