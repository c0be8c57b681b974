import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {parseFilter} from '../../core/query/filter.js';
import {parseTextPattern} from '../../core/query/text-pattern.js';
import {nextTimeMode, timeModeLabels} from '../time-stamps.js';
import {act, answer} from './answers.js';
import {type SlashCommand, type StepContext} from './types.js';

/*
The slash commands that find lines (issue 11): `/find`, `/filter`, `/time`. Rows of the command
table, joined into it by slash-table.ts.
*/

export const findCommands: readonly SlashCommand[] = [
	{
		slash: 'find',
		usage: '[text|/re/flags]',
		description:
			'highlight matches (^N / ^P jump to them); alone, or Esc, ends it',
		details:
			'smart-case: all lower case matches any case; nothing is hidden (that is /filter); ^F types `/find `',
		run(state, {raw, typed}) {
			if (raw === '') {
				return {
					state: act(state, {type: 'set-find'}).state,
					effects: answer(
						state.find ? 'search ended' : `/${typed} needs text or /regex/`,
						state.find ? 'info' : 'error',
						{note: false},
					),
				};
			}

			const parsed = remembered(patterns, raw, parseTextPattern);
			if (!parsed.ok) {
				return {
					state,
					effects: answer(
						`/${typed}: ${sanitizeLabel(parsed.error, 300)}`,
						'error',
						{note: false},
					),
				};
			}

			return {
				state: act(state, {type: 'set-find', pattern: parsed.pattern}).state,
				effects: answer(
					`finding ${sanitizeLabel(parsed.pattern.label, 200)}: ^N / ^P jump between matches, Esc ends`,
					'info',
					{note: false},
				),
			};
		},
	},
	{
		slash: 'filter',
		usage: '[terms]',
		description:
			'show only matching lines: @id !@id host=name in out system word !word /re/ type=x payload.n>3 topic~re',
		details:
			'terms are ANDed (servers, hosts and directions are alternatives among themselves); `*` globs ids and hosts; host= is the machine of a team registry (a top-level JSON field host is .host=); JSON fields of channel frames read as {topic, event, payload}; alone it clears',
		run(state, {raw, typed, words}, context) {
			if (raw === '') {
				return {
					state: act(state, {type: 'set-filter'}).state,
					effects: answer('filter cleared: showing every message', 'info', {
						note: false,
					}),
				};
			}

			const parsed = remembered(filters, raw, parseFilter);
			if (!parsed.ok) {
				return {
					state,
					effects: answer(
						`/${typed}: ${sanitizeLabel(parsed.error, 300)}; the filter is unchanged`,
						'error',
						{note: false},
					),
				};
			}

			const next = act(state, {type: 'set-filter', filter: parsed.filter});
			const shown = `filter ${sanitizeLabel(parsed.filter.label, 200)} (/filter alone clears it)`;
			const missing = unknownServers(words, context);
			return {
				state: next.state,
				effects:
					missing.length === 0
						? answer(shown, 'info', {note: false})
						: answer(
								// Kept: a server may register in a moment.
								`${shown}; no server ${missing.map((id) => `"${sanitizeLabel(id, 200)}"`).join(', ')} is registered yet, so nothing of it shows until it registers (ids: ${context.servers.map((server) => sanitizeLabel(server.id, 60)).join(', ') || 'none registered'})`,
								'warning',
								{note: false},
							),
			};
		},
	},
	{
		slash: 'time',
		description: 'time stamps: HH:MM:SS → HH:MM:SS.mmm → +Δ → off',
		details: 'the choice holds until the monitor exits',
		run(state) {
			const mode = nextTimeMode(state.timeMode);
			return {
				state: act(state, {type: 'set-time-mode', mode}).state,
				effects: answer(`time stamps: ${timeModeLabels[mode]}`, 'info', {
					note: false,
				}),
			};
		},
	},
];

/*
The same text gives the same filter or pattern object: a step stays a function of its input (two
runs of one line leave equal states), and the records' cached answers (record-match.ts) are kept
when a filter is typed again. A few are remembered, the oldest forgotten first.
*/
const filters = new Map<string, ReturnType<typeof parseFilter>>();
const patterns = new Map<string, ReturnType<typeof parseTextPattern>>();
const rememberedLimit = 16;

function remembered<T>(
	cache: Map<string, T>,
	text: string,
	parse: (text: string) => T,
): T {
	let result = cache.get(text);
	if (result === undefined) {
		result = parse(text);
		cache.set(text, result);
		if (cache.size > rememberedLimit) {
			cache.delete(cache.keys().next().value!);
		}
	}

	return result;
}

/** Ids named by `@id` terms (no glob, not negated) that no registered server has. */
function unknownServers(
	words: readonly string[],
	context: StepContext,
): string[] {
	const ids = new Set(context.servers.map((server) => server.id));
	return words
		.filter((word) => /^@[^*]+$/.test(word))
		.map((word) => word.slice(1))
		.filter((id) => !ids.has(id));
}
