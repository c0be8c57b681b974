/*
The library entry, `import … from 'shipyard-tui'`: the registry API (also at `shipyard-tui/registry`),
the headless monitor store the `--json` stream is built on, and the helpers that make untrusted text
safe to print. Nothing here loads React or Ink (a test bundles this file and checks).
*/
export * from './core/registry/index.js';
export {
	createMonitorStore,
	type MonitorSnapshot,
	type MonitorStore,
	type ServerRow,
	type StoreOptions,
} from './core/store.js';
export {
	type ConnectionState,
	type Counters,
	type Delivery,
	type ServerStatus,
} from './core/connections/types.js';
export {type MessageRecord} from './core/messages/record.js';
export {
	sanitize,
	sanitizeLabel,
	type SanitizeOptions,
} from './core/messages/sanitize.js';
export {safeJsonStringify} from './core/safe-json.js';
export {isSecretKey, redactEntry, redactSecrets} from './core/redact.js';
