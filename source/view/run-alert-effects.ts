import {type Alerts} from '../core/alerts/alerts.js';
import {sanitizeLabel} from '../core/messages/sanitize.js';
import {parseTextPattern} from '../core/query/text-pattern.js';
import {answer} from './commands/answers.js';
import {type Effect} from './commands/types.js';
import {type EffectTargets} from './run-effects.js';

/** The alert and snippet effects (see run-effects.ts, which hands them here). */
export function runAlertEffect(
	effect: Extract<
		Effect,
		{
			type:
				| 'alert-add'
				| 'alert-remove'
				| 'alert-patterns'
				| 'alerts-seen'
				| 'snip';
		}
	>,
	targets: EffectTargets,
	run: (effects: Effect[]) => void,
): void {
	const {alerts} = targets;
	if (effect.type === 'snip') {
		snip(effect, targets, run);
		return;
	}

	if (!alerts) {
		run(answer('alerts are not available here', 'warning', {note: false}));
		return;
	}

	switch (effect.type) {
		case 'alert-add': {
			add(alerts, effect.pattern, run);
			return;
		}

		case 'alert-remove': {
			const removed = alerts.removePatterns(
				effect.pattern === undefined ? undefined : label(effect.pattern),
			);
			run(
				answer(
					effect.pattern === undefined
						? `no message alerts (${removed} removed); server alerts stay on`
						: removed > 0
							? `no longer alerting on ${sanitizeLabel(label(effect.pattern), 200)}`
							: `no alert on ${sanitizeLabel(label(effect.pattern), 200)} (/alert lists them)`,
					removed > 0 || effect.pattern === undefined ? 'info' : 'warning',
					{note: false},
				),
			);
			return;
		}

		case 'alert-patterns': {
			const labels = alerts.patterns().map((pattern) => pattern.label);
			run(
				answer(
					labels.length === 0
						? 'no message alerts (/alert <text or /regex/> adds one); servers going stale, rejected, unreachable or dropping alert'
						: `alerting on ${sanitizeLabel(labels.join(', '), 1000)}`,
					'info',
					{note: false},
				),
			);
			return;
		}

		case 'alerts-seen': {
			alerts.markSeen();
		}
	}
}

/** The label a typed pattern reads back as (`"word"` or `/re/i`), to find it again. */
function label(typed: string): string {
	const parsed = parseTextPattern(typed);
	return parsed.ok ? parsed.pattern.label : typed;
}

function add(alerts: Alerts, typed: string, run: (effects: Effect[]) => void) {
	const parsed = parseTextPattern(typed);
	if (!parsed.ok) {
		run(answer(parsed.error, 'error', {note: false}));
		return;
	}

	const shown = sanitizeLabel(parsed.pattern.label, 200);
	run(
		alerts.addPattern(parsed.pattern)
			? answer(`alerting on messages matching ${shown}`, 'info')
			: answer(`already alerting on ${shown}`, 'info', {note: false}),
	);
}

/** Fills `{id}` and `{time}`: the recipient's id and the time of sending, ISO 8601. */
export function fillSnippet(text: string, id: string, time: number): string {
	return text.replaceAll(/{(id|time)}/g, (_match, field: string) =>
		field === 'id' ? id : new Date(time).toISOString(),
	);
}

function snip(
	effect: Extract<Effect, {type: 'snip'}>,
	targets: EffectTargets,
	run: (effects: Effect[]) => void,
) {
	const snippets = targets.snippets ?? {};
	const names = Object.keys(snippets);
	if (effect.name === undefined) {
		run(
			answer(
				names.length === 0
					? 'no snippets: add "snippets": {"name": "text"} to the config file (shipyard-tui config shows where)'
					: `snippets: ${sanitizeLabel(names.join(', '), 1000)}`,
				'info',
				{note: false},
			),
		);
		return;
	}

	const text = Object.hasOwn(snippets, effect.name)
		? snippets[effect.name]
		: undefined;
	if (text === undefined) {
		run(
			answer(
				`no snippet "${sanitizeLabel(effect.name, 100)}" (snippets: ${sanitizeLabel(names.join(', '), 500) || 'none'})`,
				'error',
				{note: false},
			),
		);
		return;
	}

	const now = Date.now();
	const recipients =
		effect.to === undefined
			? targets.snapshot.servers
					.filter((server) => server.state.status === 'connected')
					.map((server) => server.id)
			: [effect.to];
	if (recipients.length === 0) {
		run(
			answer('nothing sent: no server is connected', 'warning', {note: false}),
		);
		return;
	}

	// Sent one by one only when the text names its recipient; else once, like typed input.
	if (effect.to === undefined && !text.includes('{id}')) {
		run([{type: 'send', text: fillSnippet(text, '', now)}]);
		return;
	}

	run(
		recipients.map((id) => ({
			type: 'send' as const,
			text: fillSnippet(text, id, now),
			to: id,
		})),
	);
}
