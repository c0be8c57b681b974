import os from 'node:os';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {hostProblem} from '../core/registry/entry-fields.js';
import {parseRegistryUrl} from '../core/registry/location.js';
import {displayPath, isRegistryUrl} from '../core/registry/paths.js';
import {shareRegistry} from '../core/registry/redis/share.js';
import {watchRegistry} from '../core/registry/watch.js';

export type ShareCommandOptions = {
	/** The local registry file that is mirrored. */
	registryPath: string;
	to: string | undefined;
	advertise: string | undefined;
	/** `--ca`: authorities for a `rediss://` registry. */
	tlsCa?: string[];
	stdout?: NodeJS.WritableStream;
	stderr?: NodeJS.WritableStream;
};

/**
`shipyard-tui share --to redis://…`: one per machine, it makes the servers registered in this
machine's file visible team-wide, without a change to them. Runs until SIGINT or SIGTERM, then
removes what it wrote.
*/
export async function runShare(options: ShareCommandOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const fail = (message: string) => {
		stderr.write(
			`shipyard-tui share: ${message}\nRun "shipyard-tui --help" for usage.\n`,
		);
		return 2;
	};

	if (options.to === undefined) {
		return fail(
			'--to <redis://…> is required: the team registry to share into',
		);
	}

	if (isRegistryUrl(options.registryPath)) {
		return fail(
			'--registry must be this machine’s registry file; the team registry goes in --to',
		);
	}

	const parsed = parseRegistryUrl(options.to);
	if (!parsed.ok || parsed.location.kind !== 'redis') {
		return fail(
			`--to: ${parsed.ok ? 'only redis:// and rediss:// registries can be shared into' : parsed.message}`,
		);
	}

	const advertise = options.advertise ?? os.hostname();
	const problem = hostProblem(advertise);
	if (problem !== undefined) {
		return fail(`--advertise: ${problem}`);
	}

	const source = watchRegistry(options.registryPath);
	const log = (line: string) => {
		stdout.write(
			`${new Date().toTimeString().slice(0, 8)} ${sanitizeLabel(line, 300)}\n`,
		);
	};

	let share;
	try {
		share = await shareRegistry(source, parsed.location, {
			advertise,
			report: log,
			...(options.tlsCa === undefined ? {} : {ca: options.tlsCa}),
		});
	} catch (error) {
		await source.close();
		stderr.write(
			`shipyard-tui share: ${sanitizeLabel(error instanceof Error ? error.message : String(error), 300)}\n`,
		);
		return 1;
	}

	log(
		`sharing ${displayPath(options.registryPath)} into ${parsed.location.label} as ${advertise}; Ctrl+C stops and removes the shared entries`,
	);
	return new Promise<number>((resolve) => {
		const stop = (signal: NodeJS.Signals) => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			void share.close().then(async () => {
				await source.close();
				log('stopped; shared entries removed');
				resolve(signal === 'SIGINT' ? 130 : 0);
			});
		};

		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
}
