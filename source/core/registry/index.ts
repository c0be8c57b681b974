// The registry library: what servers use to register themselves, and what the monitor reads.
export {serverEntrySchema, type ServerEntry} from './schema.js';
export {
	resolveRegistryPath,
	registryDropInFolder,
	registryEnvironmentVariable,
} from './paths.js';
export {formatWarning, type RegistryWarning} from './warnings.js';
export {
	createRegistryReader,
	readRegistry,
	type RegistryReader,
	type RegistryReaderOptions,
	type RegistrySnapshot,
} from './read.js';
export {registryLimits} from './bounds.js';
export {permissionWarnings} from './permissions.js';
export {
	watchRegistry,
	staticRegistry,
	type RegistrySource,
	type WatchOptions,
} from './watch.js';
export {
	probeProcess,
	readProcessStartTime,
	type ProcessProbe,
} from './liveness.js';
export {
	registerServer,
	unregisterServer,
	type Registration,
	type RegistrationInput,
	type RegisterOptions,
} from './register.js';
export {pruneRegistry, type PrunedEntry} from './prune.js';
export {updateRegistrySync, type WriteOptions} from './update.js';
