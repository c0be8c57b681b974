import {useStdin} from 'ink';
import {useLayoutEffect, useMemo} from 'react';
import {createKeyDecoder, type KeyEvent} from '../view/key-decoder.js';

/**
Every key the terminal sends, decoded one by one (see key-decoder.ts), for the one keypress owner.
Ink's `useInput` parses each of its input events as a single key, which mangles several keys
arriving in one read; this hook takes the same raw events and decodes them itself.
*/
export function useKeys(handler: (events: KeyEvent[]) => void): void {
	const {setRawMode, internal_eventEmitter: emitter} = useStdin();
	// One decoder for the life of the screen: a paste can span several reads.
	const decoder = useMemo(() => createKeyDecoder(), []);

	// Layout effects run in the same turn as the first frame is written: once the prompt is on
	// screen, raw mode is on and keys are heard (a passive effect left a moment in which Ctrl+C
	// still reached the terminal's line discipline as SIGINT).
	useLayoutEffect(() => {
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [setRawMode]);

	useLayoutEffect(() => {
		const onInput = (input: string) => {
			const events = decoder.push(input);
			if (events.length > 0) {
				handler(events);
			}
		};

		emitter.on('input', onInput);
		return () => {
			emitter.off('input', onInput);
		};
	}, [emitter, decoder, handler]);
}
