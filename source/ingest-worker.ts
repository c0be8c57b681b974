// The ingest worker's entry (dist/ingest-worker.js): a worker thread started by the monitor, which
// reads every socket there (see core/ingest-worker/worker-main.ts).
import {parentPort, workerData} from 'node:worker_threads';
import {type WorkerSettings} from './core/ingest-worker/protocol.js';
import {runIngestWorker} from './core/ingest-worker/worker-main.js';

if (parentPort) {
	// Made by createWorkerPool, in this package: the one place that starts this file.
	// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
	runIngestWorker(parentPort, workerData as WorkerSettings);
}
