import {formatBytes} from '../core/format.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type RecordWriterStats} from '../core/record/writer.js';

/** `recording to /tmp/x.ndjson · 1.2 MiB · 0 dropped`: where, how much, and what was lost. */
export function describeRecording(
	stats: Pick<RecordWriterStats, 'file' | 'bytes' | 'dropped' | 'error'>,
): string {
	return [
		`recording to ${sanitizeLabel(stats.file, 1000)}`,
		formatBytes(stats.bytes),
		`${stats.dropped} dropped`,
		...(stats.error === undefined
			? []
			: [`stopped writing: ${sanitizeLabel(stats.error, 500)}`]),
	].join(' · ');
}

/** The header's mark while recording: `● REC 1.2 MiB`, and the drops when there are any. */
export function recordingMark(
	stats: Pick<RecordWriterStats, 'bytes' | 'dropped' | 'error'>,
): string {
	return [
		`REC ${formatBytes(stats.bytes)}`,
		...(stats.dropped > 0 ? [`${stats.dropped} dropped`] : []),
		...(stats.error === undefined ? [] : ['disk error']),
	].join(' · ');
}
