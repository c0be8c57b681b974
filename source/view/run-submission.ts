import os from 'node:os';
import {type Delivery} from '../core/connections/types.js';
import {
	describeSaveError,
	resolveSavePath,
	saveMessages,
} from '../core/messages/save.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type MonitorSnapshot, type MonitorStore} from '../core/store.js';
import {type Feedback} from './feedback.js';
import {filterMessages} from './message-window.js';
import {parseSubmission} from './slash-commands.js';
import {type MessageFilter, type UiAction, type UiState} from './ui-state.js';

/**
What Enter does with the line: send it, or run a slash command. The answer goes to the feedback line
by the prompt (`say`), which no filter hides; answers worth keeping also go to the pane as a note.
*/
export type SubmissionContext = {
	store: MonitorStore;
	snapshot: MonitorSnapshot;
	ui: UiState;
	apply: (action: UiAction) => void;
	exit: () => void;
	/** Shows the answer by the prompt. */
	say?: (feedback: Feedback) => void;
};

export function runSubmission(
	line: string,
	{store, snapshot, ui, apply, exit, say = () => undefined}: SubmissionContext,
): void {
	const ids = snapshot.servers.map((server) => server.id);
	const submission = parseSubmission(line, ids);
	const answer = (text: string, tone: Feedback['tone'], note = true) => {
		if (note) {
			store.note(text);
		}

		say({text, tone});
	};

	switch (submission.kind) {
		case 'send': {
			const connected = snapshot.servers.filter(
				(server) => server.state.status === 'connected',
			).length;
			if (ui.target === undefined && connected === 0) {
				answer(
					`not sent: nothing is connected (${ids.length} registered)`,
					'error',
				);
				return;
			}

			void store.send(submission.text, ui.target);
			apply({type: 'follow'});
			return;
		}

		case 'help': {
			apply({type: 'overlay', overlay: 'help'});
			return;
		}

		case 'to': {
			apply({type: 'set-target', target: submission.target});
			answer(
				`sending to ${submission.target === undefined ? 'every connected server' : sanitizeLabel(submission.target, 200)}`,
				'info',
			);
			return;
		}

		case 'filter': {
			apply({type: 'set-filter', filter: submission.filter});
			if (submission.unknown === undefined) {
				answer(describeFilter(submission.filter), 'info', false);
			} else {
				answer(
					`${describeFilter(submission.filter)}; no server "${sanitizeLabel(submission.unknown, 200)}" is registered yet, so nothing shows until it registers (ids: ${ids.map((id) => sanitizeLabel(id, 60)).join(', ') || 'none registered'})`,
					'warning',
					false,
				);
			}

			return;
		}

		case 'clear': {
			store.clearMessages();
			answer('cleared the message pane', 'info', false);
			return;
		}

		case 'save': {
			const file = resolveSavePath(submission.file, {
				cwd: process.cwd(),
				home: os.homedir(),
			});
			const shown = sanitizeLabel(file, 1000);
			saveMessages(file, filterMessages(snapshot.messages, ui.filter), {
				overwrite: submission.overwrite ?? false,
			}).then(
				(count) => {
					answer(`saved ${count} messages to ${shown}`, 'info');
				},
				(error: unknown) => {
					answer(sanitizeLabel(describeSaveError(error, file), 1000), 'error');
				},
			);
			return;
		}

		case 'sub':
		case 'unsub': {
			const {kind, topic} = submission;
			(kind === 'sub'
				? store.subscribeTopic(topic)
				: store.unsubscribeTopic(topic)
			).then(
				(deliveries) => {
					say(describeSubscription(kind, topic, deliveries));
				},
				(error: unknown) => {
					answer(
						`/${kind} ${sanitizeLabel(topic, 200)} failed: ${sanitizeLabel(error instanceof Error ? error.message : String(error), 1000)}`,
						'error',
					);
				},
			);
			return;
		}

		case 'quit': {
			exit();
			return;
		}

		case 'nothing': {
			return;
		}

		case 'error': {
			answer(submission.message, 'error');
			break;
		}
	}
}

function describeFilter(filter: MessageFilter): string {
	if (filter.server === undefined && filter.text === undefined) {
		return 'filter cleared: showing every message';
	}

	return `showing only ${[
		...(filter.server === undefined
			? []
			: [`messages of ${sanitizeLabel(filter.server, 200)}`]),
		...(filter.text === undefined
			? []
			: [`lines containing "${sanitizeLabel(filter.text, 200)}"`]),
	].join(' and ')} (/filter alone clears it)`;
}

function describeSubscription(
	kind: 'sub' | 'unsub',
	topic: string,
	deliveries: readonly Delivery[],
): Feedback {
	const reached = deliveries.filter((delivery) => delivery.delivered).length;
	const verb = kind === 'sub' ? 'subscribed' : 'unsubscribed';
	const shown = sanitizeLabel(topic, 200);
	if (deliveries.length === 0) {
		return {
			text:
				kind === 'sub'
					? `${verb} ${shown}: no server is connected now; each one gets it when it connects`
					: `${verb} ${shown}: no server is connected now`,
			tone: 'warning',
		};
	}

	return {
		text: `${verb} ${shown} on ${reached} of ${deliveries.length} servers`,
		tone: reached === deliveries.length ? 'info' : 'warning',
	};
}
