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
	pruneRegistry,
	updateRegistrySync,
	type Registration,
	type RegistrationInput,
	type RegisterOptions,
	type PrunedEntry,
	type WriteOptions,
} from './write.js';
