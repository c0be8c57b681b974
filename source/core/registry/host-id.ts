import fs from 'node:fs';
import os from 'node:os';

let cached: string | undefined;

/**
This machine, as entries name it in `hostId`: the host name and the start of the systemd machine id.
The host name alone is not enough (containers and cloned VMs share names); the machine id alone means
nothing to a person reading the table. A pid is only meaningful on the machine that gave it.
*/
export function localHostId(): string {
	cached ??= makeHostId();
	return cached;
}

function makeHostId(): string {
	const name = os.hostname() || 'unknown-host';
	const machine = readMachineId();
	return machine === undefined ? name : `${name}/${machine.slice(0, 12)}`;
}

function readMachineId(): string | undefined {
	for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
		try {
			const text = fs.readFileSync(file, 'utf8').trim();
			if (/^[\da-f]{32}$/i.test(text)) {
				return text.toLowerCase();
			}
		} catch {
			// Not on this system; try the next, else the host name alone.
		}
	}

	return undefined;
}

/** Whether a pid check means anything for this entry: it names no host, or this one. */
export function isLocalEntry(
	entry: {hostId?: string},
	hostId = localHostId(),
): boolean {
	return entry.hostId === undefined || entry.hostId === hostId;
}
