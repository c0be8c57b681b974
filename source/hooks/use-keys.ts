import {useStdin} from 'ink';
import {useEffect, useMemo} from 'react';
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

	useEffect(() => {
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [setRawMode]);

	useEffect(() => {
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
