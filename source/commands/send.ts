import {type Delivery} from '../core/connections/types.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {readRegistryOnce, registryCa} from '../core/registry/open-registry.js';
import {staticRegistry} from '../core/registry/watch.js';
import {safeJsonStringify} from '../core/safe-json.js';
import {formatWarning} from '../core/registry/warnings.js';
import {eventText} from '../view/event-text.js';
import {
	createMonitorStore,
	type MonitorStore,
	type StoreOptions,
} from '../core/store.js';

export type SendOptions = Omit<StoreOptions, 'registry'> & {
	registryPath: string;
	/** Registry entries acted on (`--max-servers`). */
	maxServers?: number;
	text: string;
	to?: string;
	/** How long to collect replies after sending, in ms; ends early once every recipient replied. */
	waitMs: number;
	json: boolean;
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/** How long to wait for connections to settle before sending. */
const settleTimeoutMs = 6000;

/**
`shipyard-tui send <text> [--to id]`: connects to the registered servers, sends once, reports
delivery per server (and replies within the wait), exits 1 when nobody received it.
*/
export async function runSend(options: SendOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const snapshot = await readRegistryOnce(options.registryPath, {
		maxServers: options.maxServers,
		...registryCa(options.tlsCa),
	});
	for (const warning of snapshot.warnings) {
		stderr.write(`warning: ${sanitizeLabel(formatWarning(warning), 1000)}\n`);
	}

	if (
		snapshot.backend !== undefined &&
		snapshot.backend.loadedAt === undefined
	) {
		stderr.write(
			`shipyard-tui send: ${sanitizeLabel(snapshot.path, 500)} did not answer${snapshot.backend.error === undefined ? '' : ` (${sanitizeLabel(snapshot.backend.error, 200)})`}; nothing was sent\n`,
		);
		return 1;
	}

	const targets = snapshot.servers.filter(
		(entry) => options.to === undefined || entry.id === options.to,
	);
	if (targets.length === 0) {
		stderr.write(
			options.to === undefined
				? `shipyard-tui send: no servers in ${sanitizeLabel(snapshot.path, 500)}; nothing was sent\n`
				: `shipyard-tui send: no server "${sanitizeLabel(options.to, 200)}" in ${sanitizeLabel(snapshot.path, 500)}; nothing was sent\n`,
		);
		return 1;
	}

	const store = createMonitorStore({
		...options,
		registry: staticRegistry({...snapshot, servers: targets}),
		flushIntervalMs: 10,
		describeEvent: eventText,
	});
	try {
		await settled(store);
		const sentAt = Date.now();
		const delivered = await store.send(options.text, options.to);
		const deliveries = withUnreached(store, delivered);
		const recipients = new Set(
			deliveries
				.filter((delivery) => delivery.delivered)
				.map((delivery) => delivery.id),
		);
		if (recipients.size > 0 && options.waitMs > 0) {
			await repliesFrom(store, recipients, sentAt, options.waitMs);
		}

		const replies = store
			.getSnapshot()
			.messages.filter(
				(message) => message.direction === 'in' && message.time >= sentAt,
			)
			.map((message) => ({
				server: message.serverId,
				text: message.decoded().preview,
			}));
		report(deliveries, replies, options, stdout);
		if (recipients.size === 0) {
			stderr.write(
				`shipyard-tui send: nobody received it (${deliveries.length} registered, none connected)\n`,
			);
			return 1;
		}

		return 0;
	} finally {
		await store.close();
	}
}

async function settled(store: MonitorStore): Promise<void> {
	await waitForSnapshot(
		store,
		() =>
			store
				.getSnapshot()
				.servers.every((server) => server.state.status !== 'connecting'),
		settleTimeoutMs,
	);
}

async function repliesFrom(
	store: MonitorStore,
	recipients: Set<string>,
	since: number,
	waitMs: number,
): Promise<void> {
	await waitForSnapshot(
		store,
		() => {
			const replied = new Set(
				store
					.getSnapshot()
					.messages.filter(
						(message) => message.direction === 'in' && message.time >= since,
					)
					.map((message) => message.serverId),
			);
			return [...recipients].every((id) => replied.has(id));
		},
		waitMs,
	);
}

/** Resolves when `done()` holds after a store update, or when the time is up. */
async function waitForSnapshot(
	store: MonitorStore,
	done: () => boolean,
	timeoutMs: number,
): Promise<void> {
	if (done()) {
		return;
	}

	await new Promise<void>((resolve) => {
		const finish = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};

		const timer = setTimeout(finish, timeoutMs);
		const unsubscribe = store.subscribe(() => {
			if (done()) {
				finish();
			}
		});
	});
}

/** Servers that were not connected get a line too, saying why. */
function withUnreached(store: MonitorStore, delivered: Delivery[]): Delivery[] {
	const seen = new Set(delivered.map((delivery) => delivery.id));
	const unreached: Delivery[] = store
		.getSnapshot()
		.servers.filter((server) => !seen.has(server.id))
		.map((server) => ({
			id: server.id,
			delivered: false,
			reason: `not connected (${[server.state.status, server.state.staleReason, server.state.httpStatus === undefined ? undefined : `HTTP ${server.state.httpStatus}`, server.state.error].filter(Boolean).join(': ')})`,
		}));
	return [...delivered, ...unreached];
}

function report(
	deliveries: Delivery[],
	replies: Array<{server: string; text: string}>,
	options: SendOptions,
	stdout: NodeJS.WritableStream,
): void {
	if (options.json) {
		// Reasons hold server text (HTTP status text, close reasons): safe JSON escapes C1 and bidi.
		stdout.write(safeJsonStringify({deliveries, replies}) + '\n');
		return;
	}

	const width = Math.min(
		40,
		Math.max(...deliveries.map((delivery) => delivery.id.length)),
	);
	for (const delivery of deliveries) {
		const id = sanitizeLabel(delivery.id, 40).padEnd(width);
		stdout.write(
			delivery.delivered
				? `✓ ${id}  delivered (${delivery.bytes} bytes)\n`
				: `✗ ${id}  ${sanitizeLabel(delivery.reason, 300)}\n`,
		);
	}

	for (const reply of replies) {
		stdout.write(
			`← ${sanitizeLabel(reply.server, 40).padEnd(width)}  ${reply.text}\n`,
		);
	}
}
