import {type ServerEntry} from '../schema.js';
import {changesChannel, serverKey} from './layout.js';
import {type RedisClient} from './redis-client.js';

// Deletes the key only if it still holds what we wrote: a server that took over the id keeps it.
const deleteIfOurs = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]); redis.call('PUBLISH', KEYS[2], ARGV[2]); return 1 end return 0`;

/**
Writes (or renews) one entry with its lease, and announces it when readers do not have it yet: a
renewal of the same value is silent, so a thousand leases renewed every few seconds cost readers
nothing.
*/
export async function writeEntry(
	client: RedisClient,
	prefix: string,
	entry: ServerEntry,
	leaseMs: number,
): Promise<void> {
	const value = JSON.stringify(entry);
	const previous = await client.set(serverKey(prefix, entry.id), value, {
		expiration: {type: 'PX', value: leaseMs},
		GET: true,
	});
	if (previous !== value) {
		await client.publish(changesChannel(prefix), entry.id);
	}
}

/** Removes one entry, if its key still holds what `writeEntry` wrote of it, and announces it. */
export async function deleteEntry(
	client: RedisClient,
	prefix: string,
	entry: ServerEntry,
): Promise<void> {
	await client.eval(deleteIfOurs, {
		keys: [serverKey(prefix, entry.id), changesChannel(prefix)],
		arguments: [JSON.stringify(entry), entry.id],
	});
}
