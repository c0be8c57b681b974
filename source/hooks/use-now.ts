import {useEffect, useState} from 'react';

/** The current time, refreshed every `intervalMs` (uptimes and retry countdowns tick by). */
export function useNow(intervalMs = 1000): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => {
			setNow(Date.now());
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs]);
	return now;
}
