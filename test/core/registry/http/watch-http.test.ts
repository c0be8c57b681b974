import http from 'node:http';
import {type AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {watchHttpRegistry} from '../../../../source/core/registry/http/watch-http.js';
import {parseRegistryUrl} from '../../../../source/core/registry/location.js';
import {waitFor} from '../../../helpers/wait-for.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).toReversed()) {
		// eslint-disable-next-line no-await-in-loop
		await cleanup();
	}
});

/** A registry document served like the seed spike's Vite plugin, with an ETag per version. */
async function registryServer() {
	const state = {body: '{"servers": []}', version: 1, ok: 0, notModified: 0};
	const server = http.createServer((request, response) => {
		const etag = `"v${state.version}"`;
		if (request.headers['if-none-match'] === etag) {
			state.notModified++;
			response.writeHead(304, {etag});
			response.end();
			return;
		}

		state.ok++;
		response.writeHead(200, {'content-type': 'application/json', etag});
		response.end(state.body);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const stop = async () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => {
				resolve();
			});
		});
	cleanups.push(stop);
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/registry`,
		state,
		publish(body: string) {
			state.body = body;
			state.version++;
		},
		stop,
	};
}

function watch(url: string) {
	const parsed = parseRegistryUrl(url);
	if (!parsed.ok || parsed.location.kind !== 'http') {
		throw new Error('test URL did not parse');
	}

	const source = watchHttpRegistry(parsed.location, {intervalMs: 50});
	cleanups.push(async () => source.close());
	return source;
}

const ids = (source: ReturnType<typeof watch>) =>
	source
		.current()
		.servers.map((entry) => entry.id)
		.join(',');

describe('a registry served over HTTP', () => {
	test('conditional requests: an unchanged document is a 304, counted, and a change shows', async () => {
		const served = await registryServer();
		served.publish(
			JSON.stringify({servers: [{id: 'api', port: 4000, pid: 1}]}),
		);
		const source = watch(served.url);
		await waitFor(() => ids(source) === 'api', {what: 'first load'});
		await waitFor(() => source.counts().notModified >= 3, {what: '304s'});
		// Every request after the first was conditional and answered 304: one full body only.
		expect(served.state.ok).toBe(1);
		expect(source.counts().notModified).toBe(served.state.notModified);

		served.publish(
			JSON.stringify({
				servers: [
					{id: 'api', port: 4000, pid: 1},
					{id: 'web', port: 4001, pid: 1},
				],
			}),
		);
		await waitFor(() => ids(source) === 'api,web', {what: 'the change'});
		expect(source.current().backend).toMatchObject({
			kind: 'http',
			state: 'connected',
		});
	});

	test('a broken document or a server that goes away keeps the last good list, and says why', async () => {
		const served = await registryServer();
		served.publish(
			JSON.stringify({servers: [{id: 'kept', port: 4000, pid: 1}]}),
		);
		const source = watch(served.url);
		await waitFor(() => ids(source) === 'kept', {what: 'first load'});

		served.publish('{"servers": [ {"id": ');
		const broken = await waitFor(
			() =>
				source
					.current()
					.warnings.find((warning) => warning.message.includes('invalid JSON')),
			{what: 'the broken-document warning'},
		);
		expect(broken.message).toBe(
			'invalid JSON (cut off at the end); showing the last list',
		);
		expect(ids(source)).toBe('kept');

		await served.stop();
		const backend = await waitFor(
			() =>
				source.current().backend?.state === 'unreachable' &&
				source.current().backend,
			{what: 'unreachable'},
		);
		expect(backend.error).toBe('connection refused');
		expect(ids(source)).toBe('kept');
	});
});
