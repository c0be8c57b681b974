import {useEffect, useReducer} from 'react';
import {type Recorder} from '../core/record/recorder.js';
import {type RecordWriterStats} from '../core/record/writer.js';

/**
The recording's stats while one is on, else undefined. Read on every render (its byte count grows
with each frame, and the screen redraws with the frames); a start, a stop or a disk error redraws
on its own.
*/
export function useRecording(
	recorder: Recorder | undefined,
): RecordWriterStats | undefined {
	const [, redraw] = useReducer((version: number) => version + 1, 0);
	useEffect(() => recorder?.subscribe(redraw), [recorder]);
	const status = recorder?.status();
	return status?.recording ? status : undefined;
}
