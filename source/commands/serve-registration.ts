import {parseRegistryUrl} from '../core/registry/location.js';
import {isRegistryUrl} from '../core/registry/paths.js';
import {registerRedisServer} from '../core/registry/redis/register-redis.js';
import {
	registerServer,
	type RegistrationInput,
} from '../core/registry/register.js';

/** A registration in a file or a team registry, as `serve` needs it. */
export type ServeRegistration = {
	/** Where it is registered, as shown. */
	label: string;
	/** The registry file, for its permission warnings; none for a team registry. */
	file?: string;
	unregister(): Promise<void>;
};

/** Registers in the file, or in the Redis of a `redis://` registry (with a renewed lease). */
export async function registerForServe(
	registry: string,
	input: RegistrationInput,
	ca?: string[],
): Promise<ServeRegistration> {
	if (!isRegistryUrl(registry)) {
		const registration = registerServer(input, {registryPath: registry});
		return {
			label: registration.registryPath,
			file: registration.registryPath,
			async unregister() {
				registration.unregister();
			},
		};
	}

	const parsed = parseRegistryUrl(registry);
	if (!parsed.ok || parsed.location.kind !== 'redis') {
		throw new Error(
			parsed.ok
				? 'only redis:// team registries take registrations'
				: parsed.message,
		);
	}

	// `serve` removes its entry itself on SIGINT and SIGTERM, after closing its server.
	const registration = await registerRedisServer(parsed.location, input, {
		unregisterOnExit: false,
		...(ca === undefined ? {} : {ca}),
	});
	return {label: parsed.location.label, unregister: registration.unregister};
}
