import net from 'node:net';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {planAddress} from '../../../source/core/connections/address-policy.js';
import {type ServerEntry} from '../../../source/core/registry/schema.js';
import {entryFor, makePool, server, waitForStatus} from './pool-harness.js';

/** A loopback port nobody listens on. */
async function refusedPort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = net.createServer().listen(0, '127.0.0.1', () => {
			const {port} = probe.address() as net.AddressInfo;
			probe.close(() => {
				resolve(port);
			});
		});
	});
}

// Hosts built on loopback literals with hostile characters around them: none can send a lookup
// off this machine, since whatever does not read back as exactly the host written is not
// connected at all. No dots or digits are added: "localhost1" or "::11" would be real names or
// addresses, looked up or reached off this machine.
const nasty = [
	' ',
	':',
	'#',
	'/',
	'@',
	'?',
	'%',
	'[',
	']',
	'\n',
	'\u0000',
	'€',
	'\u202E',
];
const hostArbitrary = fc.oneof(
	fc.constantFrom('127.0.0.1', '::1', '[::1]', 'localhost', '127.1', '0x7f.1'),
	fc
		.tuple(
			fc.constantFrom('127.0.0.1', '::1', 'localhost'),
			fc.array(fc.constantFrom(...nasty), {minLength: 1, maxLength: 6}),
			fc.boolean(),
		)
		.map(([base, extra, before]) =>
			before ? `${extra.join('')}${base}` : `${base}${extra.join('')}`,
		),
);

describe('the pool with hostile entries (property)', () => {
	test('reconcile never throws, every entry gets a state, and a good entry beside them connects', async () => {
		const good = await server();
		const port = await refusedPort();
		const entryArbitrary = fc.record(
			{
				host: hostArbitrary,
				path: fc.string({unit: 'binary', maxLength: 30}),
				token: fc.string({unit: 'binary', maxLength: 30}),
			},
			{requiredKeys: []},
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(entryArbitrary, {maxLength: 8}),
				async (extras) => {
					const {pool} = makePool({handshakeTimeoutMs: 500});
					const entries: ServerEntry[] = extras.map((extra, index) =>
						entryFor(`hostile-${index}`, port, extra),
					);
					entries.push(entryFor('good', good.port));
					expect(() => {
						pool.reconcile(entries);
					}).not.toThrow();
					await waitForStatus(pool, 'good', 'connected');
					for (const entry of entries) {
						const view = pool.servers().find((item) => item.id === entry.id)!;
						expect(view).toBeDefined();
						// A token never goes in clear text to a host not written as loopback.
						if ('withheld' in planAddress(entry)) {
							expect(view.state.status).toBe('withheld');
						}
					}

					expect(() => {
						void pool.close();
					}).not.toThrow();
				},
			),
			{numRuns: 60},
		);
	});
});
