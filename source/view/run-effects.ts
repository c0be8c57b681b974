import os from 'node:os';
import {type Alerts} from '../core/alerts/alerts.js';
import {
	describeSaveError,
	resolveSavePath,
	saveMessages,
} from '../core/messages/save.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {type Recorder} from '../core/record/recorder.js';
import {type MonitorSnapshot, type MonitorStore} from '../core/store.js';
import {clipboardCopy} from '../terminal/clipboard.js';
import {answer, describeSubscription} from './commands/answers.js';
import {describeRecording} from './recording-text.js';
import {type Effect} from './commands/types.js';
import {runAlertEffect} from './run-alert-effects.js';
import {type Feedback} from './feedback.js';
import {hostLookup} from './host-names.js';
import {filterMessages} from './message-window.js';
import {copyText, describeCopy} from './copy-text.js';

/** What effects act on: the store, the process, the answer line. */
export type EffectTargets = {
	store: MonitorStore;
	/** The snapshot the screen showed when the key came: `/save` writes what was on it. */
	snapshot: MonitorSnapshot;
	exit: () => void;
	suspend: () => void;
	/** Shows the answer by the prompt. */
	say: (feedback: Feedback | undefined) => void;
	/** `/record`'s recorder; without it `/record` says it is not available. */
	recorder?: Recorder;
	/** Writes bytes to the terminal past the renderer (the clipboard's OSC 52); without it nothing copies. */
	writeTerminal?: (data: string) => void;
	/** The alert watcher (`/alert`, `/alerts`); without it those commands say so. */
	alerts?: Alerts;
	/** The config file's snippets (`/snip`). */
	snippets?: Readonly<Record<string, string>>;
};

/**
The one place where what the keys asked for happens (see commands/types.ts): sends, saves,
subscriptions, exit, suspend, and the answers to them. Answers to work that finishes later (a save, a
subscription) are effects too, run here when it finishes.
*/
export function runEffects(
	effects: readonly Effect[],
	targets: EffectTargets,
): void {
	for (const effect of effects) {
		runEffect(effect, targets);
	}
}

function runEffect(effect: Effect, targets: EffectTargets): void {
	const {store} = targets;
	switch (effect.type) {
		case 'send': {
			void store.send(effect.text, effect.to);
			return;
		}

		case 'say': {
			targets.say(effect.feedback);
			return;
		}

		case 'note': {
			store.note(effect.text);
			return;
		}

		case 'clear-messages': {
			store.clearMessages();
			return;
		}

		case 'save': {
			save(effect, targets);
			return;
		}

		case 'record': {
			record(effect, targets);
			return;
		}

		case 'copy': {
			copy(effect, targets);
			return;
		}

		case 'subscribe':
		case 'unsubscribe': {
			subscribe(effect, targets);
			return;
		}

		case 'exit': {
			targets.exit();
			return;
		}

		case 'suspend': {
			targets.suspend();
			return;
		}

		case 'alert-add':
		case 'alert-remove':
		case 'alert-patterns':
		case 'alerts-seen':
		case 'snip': {
			runAlertEffect(effect, targets, (more) => {
				runEffects(more, targets);
			});
		}
	}
}

function save(
	{file: typed, overwrite, filter}: Extract<Effect, {type: 'save'}>,
	targets: EffectTargets,
): void {
	const file = resolveSavePath(typed, {cwd: process.cwd(), home: os.homedir()});
	const shown = sanitizeLabel(file, 1000);
	const saved = filterMessages(
		targets.snapshot.messages,
		filter,
		false,
		hostLookup(targets.snapshot.servers),
	);
	saveMessages(file, saved, {overwrite}).then(
		(count) => {
			runEffects(
				answer(`saved ${count} messages to ${shown}`, 'info'),
				targets,
			);
		},
		(error: unknown) => {
			runEffects(
				answer(sanitizeLabel(describeSaveError(error, file), 1000), 'error'),
				targets,
			);
		},
	);
}

function record(
	{file: typed, overwrite}: Extract<Effect, {type: 'record'}>,
	targets: EffectTargets,
): void {
	const {recorder} = targets;
	if (!recorder) {
		targets.say({text: 'recording is not available here', tone: 'error'});
		return;
	}

	const failed = (error: unknown) => {
		runEffects(
			answer(
				`/record failed: ${sanitizeLabel(error instanceof Error ? error.message : String(error), 1000)}`,
				'error',
			),
			targets,
		);
	};

	if (typed === undefined) {
		recorder.stop().then((stats) => {
			runEffects(
				stats
					? answer(`stopped ${describeRecording(stats)}`, 'info')
					: answer('not recording; /record <file> starts', 'warning', {
							note: false,
						}),
				targets,
			);
		}, failed);
		return;
	}

	const file = resolveSavePath(typed, {cwd: process.cwd(), home: os.homedir()});
	// A second /record moves the recording: the first file is closed, and the answer says so.
	const previous = recorder.status();
	const moved = previous.recording
		? ` (${sanitizeLabel(previous.file, 1000)} closed)`
		: '';
	recorder.start({file, overwrite}).then((started) => {
		runEffects(
			started.ok
				? answer(
						`${describeRecording({file, bytes: 0, dropped: 0})} · /record stops${moved}`,
						'info',
					)
				: answer(sanitizeLabel(started.error, 1000), 'error'),
			targets,
		);
	}, failed);
}

function copy(
	{seq, pretty}: Extract<Effect, {type: 'copy'}>,
	targets: EffectTargets,
): void {
	const record = targets.snapshot.messages.find(
		(message) => message.seq === seq,
	);
	if (!record || !targets.writeTerminal) {
		targets.say({
			text: record
				? 'this terminal cannot be written to: nothing copied'
				: 'that message is no longer kept: nothing copied',
			tone: 'warning',
		});
		return;
	}

	const copied = clipboardCopy(copyText(record, pretty));
	targets.writeTerminal(copied.sequence);
	targets.say({text: describeCopy(copied), tone: 'info'});
}

function subscribe(
	{type, topic}: Extract<Effect, {type: 'subscribe' | 'unsubscribe'}>,
	targets: EffectTargets,
): void {
	const {store} = targets;
	(type === 'subscribe'
		? store.subscribeTopic(topic)
		: store.unsubscribeTopic(topic)
	).then(
		(deliveries) => {
			targets.say(describeSubscription(type, topic, deliveries));
		},
		(error: unknown) => {
			const name = type === 'subscribe' ? 'sub' : 'unsub';
			runEffects(
				answer(
					`/${name} ${sanitizeLabel(topic, 200)} failed: ${sanitizeLabel(error instanceof Error ? error.message : String(error), 1000)}`,
					'error',
				),
				targets,
			);
		},
	);
}
