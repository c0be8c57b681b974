import {useCallback, useEffect, useState} from 'react';
import {feedbackMs, type Feedback} from '../view/feedback.js';

/** The last command's answer and a way to give one (`undefined` clears it); it fades after a while. */
export function useFeedback(
	durationMs = feedbackMs,
): [Feedback | undefined, (feedback: Feedback | undefined) => void] {
	const [feedback, setFeedback] = useState<Feedback | undefined>();
	useEffect(() => {
		if (feedback === undefined) {
			return;
		}

		const timer = setTimeout(() => {
			setFeedback(undefined);
		}, durationMs);
		return () => {
			clearTimeout(timer);
		};
	}, [feedback, durationMs]);
	const show = useCallback((next: Feedback | undefined) => {
		setFeedback(next);
	}, []);
	return [feedback, show];
}
