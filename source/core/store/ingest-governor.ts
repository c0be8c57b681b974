/** What the governor acts on: the pool's sockets. It decides; the pool only does as it is told. */
export type IngestValve = {
	/** Stops reading every socket, and those that connect later, until `resume`. */
	pause(): void;
	/** Stops reading one server's socket until the next `resume`. */
	pauseOne(id: string): void;
	/** Reads every socket again, waking the named servers first, in that order. */
	resume(order: readonly string[]): void;
};

export type IngestGovernor = {
	/** Times the budget paused the sockets. */
	readonly pauses: number;
	/** A message from `id` was read. */
	read(id: string): void;
	/** The servers there are, in registry order: new ones join the back of the wake order. */
	track(ids: readonly string[]): void;
	/** How many servers are connected: each gets an equal share of a turn's budget. */
	setConnected(count: number): void;
	/** Stops reading every socket while a consumer (a piped stdout) catches up, until released. */
	hold(on: boolean): void;
	close(): void;
};

/** What one server read: in which turn, how much of it, and whether since the last wake. */
type ServerReads = {turn: number; inTurn: number; sinceWake: boolean};

/** However many servers share the budget, each may read this many messages in a turn. */
export const minimumShare = 50;

/**
Reading sockets faster than the screen can show starves the event loop (keys stop showing): after
`budget` messages in one event-loop turn, every socket is paused until the next turn. Each server
also gets at most its share of a turn, and the sockets that waited longest are woken first, so the
ones read first cannot take every turn's budget and starve the others (whose heartbeat would then
time out, dropping all they had buffered).
*/
export function createIngestGovernor(
	budget: number,
	valve: IngestValve,
): IngestGovernor {
	let share = budget;
	let readThisTurn = 0;
	/** Counts turns, so that a server's count of an earlier turn reads as zero without a reset. */
	let turn = 0;
	/** One entry per server, touched once per message: this is on the path of every message. */
	const reads = new Map<string, ServerReads>();
	let turnEnd: NodeJS.Immediate | undefined;
	/** The whole budget of this turn is used: every socket is paused. */
	let exhausted = false;
	let someonePaused = false;
	let held = false;
	let pauses = 0;
	/**
	The order sockets are woken in. Sockets woken first are read first, and the budget runs out after
	a few of them, so a fixed order starved the last ones under a flood: those that delivered since
	the last wake go to the back.
	*/
	let order: string[] = [];

	const wake = () => {
		const wasRead = (id: string) => reads.get(id)?.sinceWake === true;
		const waiting = order.filter((id) => !wasRead(id));
		const served = order.filter((id) => wasRead(id));
		order = [...waiting, ...served];
		for (const server of reads.values()) {
			server.sinceWake = false;
		}

		valve.resume(order);
	};

	const endTurn = () => {
		turnEnd = undefined;
		readThisTurn = 0;
		turn++;
		if (exhausted || someonePaused) {
			exhausted = false;
			someonePaused = false;
			if (!held) {
				wake();
			}
		}
	};

	return {
		read(id) {
			turnEnd ??= setImmediate(endTurn);
			let server = reads.get(id);
			if (server === undefined) {
				server = {turn, inTurn: 0, sinceWake: true};
				reads.set(id, server);
			} else {
				if (server.turn !== turn) {
					server.turn = turn;
					server.inTurn = 0;
				}

				server.sinceWake = true;
			}

			if (++server.inTurn === share) {
				someonePaused = true;
				valve.pauseOne(id);
			}

			if (++readThisTurn >= budget && !exhausted) {
				exhausted = true;
				pauses++;
				valve.pause();
			}
		},
		track(ids) {
			const present = new Set(ids);
			order = order.filter((id) => present.has(id));
			for (const id of reads.keys()) {
				if (!present.has(id)) {
					reads.delete(id);
				}
			}

			const known = new Set(order);
			for (const id of present) {
				if (!known.has(id)) {
					order.push(id);
				}
			}
		},
		setConnected(count) {
			share = Math.max(minimumShare, Math.floor(budget / Math.max(1, count)));
		},
		hold(on) {
			held = on;
			if (on) {
				valve.pause();
			} else if (!exhausted) {
				wake();
			}
		},
		get pauses() {
			return pauses;
		},
		close() {
			clearImmediate(turnEnd);
			turnEnd = undefined;
		},
	};
}
