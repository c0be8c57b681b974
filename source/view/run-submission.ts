import os from 'node:os';
import {
	describeSaveError,
	resolveSavePath,
	saveMessages,
} from '../core/messages/save.js';
import {type MonitorSnapshot, type MonitorStore} from '../core/store.js';
import {filterMessages} from './message-window.js';
import {parseSubmission} from './slash-commands.js';
import {type UiAction, type UiState} from './ui-state.js';

/** What Enter does with the line: send it, or run a slash command; answers go to the pane. */
export type SubmissionContext = {
	store: MonitorStore;
	snapshot: MonitorSnapshot;
	ui: UiState;
	apply: (action: UiAction) => void;
	exit: () => void;
};

export function runSubmission(
	line: string,
	{store, snapshot, ui, apply, exit}: SubmissionContext,
): void {
	const ids = snapshot.servers.map((server) => server.id);
	const submission = parseSubmission(line, ids);
	switch (submission.kind) {
		case 'send': {
			const connected = snapshot.servers.filter(
				(server) => server.state.status === 'connected',
			).length;
			if (ui.target === undefined && connected === 0) {
				store.note(`not sent: nothing is connected (${ids.length} registered)`);
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
			store.note(`sending to ${submission.target ?? 'every connected server'}`);
			return;
		}

		case 'filter': {
			apply({type: 'set-filter', filter: submission.filter});
			return;
		}

		case 'clear': {
			store.clearMessages();
			return;
		}

		case 'save': {
			const file = resolveSavePath(submission.file, {
				cwd: process.cwd(),
				home: os.homedir(),
			});
			saveMessages(file, filterMessages(snapshot.messages, ui.filter), {
				overwrite: submission.overwrite ?? false,
			}).then(
				(count) => {
					store.note(`saved ${count} messages to ${file}`);
				},
				(error: unknown) => {
					store.note(describeSaveError(error, file));
				},
			);
			return;
		}

		case 'sub':
		case 'unsub': {
			void (submission.kind === 'sub'
				? store.subscribeTopic(submission.topic)
				: store.unsubscribeTopic(submission.topic));
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
			store.note(submission.message);
			break;
		}
	}
}
