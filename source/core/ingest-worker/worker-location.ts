import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

/**
Where the worker's script is: `dist/ingest-worker.js`, built by scripts/bundle.mjs. This module runs
bundled (dist/cli.js, or a chunk in dist/chunks/), compiled by tsc (dist/core/ingest-worker/), or from
source under the tests (source/core/ingest-worker/); the last two are three folders below the
package.
*/
export function ingestWorkerUrl(moduleUrl: string = import.meta.url): URL {
	const folder = path.dirname(fileURLToPath(moduleUrl));
	if (path.basename(folder) === 'ingest-worker') {
		// Source/core/ingest-worker or dist/core/ingest-worker: the package is three folders up.
		const packageRoot = path.resolve(folder, '../../..');
		return pathToFileURL(path.join(packageRoot, 'dist', 'ingest-worker.js'));
	}

	const distRoot =
		path.basename(folder) === 'chunks' ? path.dirname(folder) : folder;
	return pathToFileURL(path.join(distRoot, 'ingest-worker.js'));
}
