import {sanitizeLabel} from '../../core/messages/sanitize.js';
import {parseJsonQuery} from '../../core/query/json-query.js';
import {type MessageShow} from '../record-show.js';
import {parseSort, sortKeys, sortLabel} from '../table-sort.js';
import {act, answer} from './answers.js';
import {type SlashCommand} from './types.js';

/*
The slash commands that change how messages and servers are shown (issue 11): `/ansi`, `/sort`, `/show`. Rows of the
command table, joined into it by slash-table.ts.
*/

export const inspectCommands: readonly SlashCommand[] = [
	{
		slash: 'show',
		usage: '[@id] <expr>',
		description:
			'show JSON messages (of one server with @id) as a JMESPath projection; alone, as sent',
		details:
			'e.g. `/show payload.n`, `/show @alpha [type, payload.id]`; channel frames read as {topic, event, payload}, as in /filter; messages it does not apply to (not JSON, or `null`) show as usual; the detail view still shows the whole message',
		run(state, {raw, typed}, context) {
			if (raw === '') {
				return {
					state: act(state, {type: 'set-view', changes: {show: undefined}})
						.state,
					effects: answer(
						state.show
							? 'showing messages as sent'
							: `/${typed} needs a query, e.g. /${typed} payload.n`,
						state.show ? 'info' : 'error',
						{note: false},
					),
				};
			}

			const parsed = rememberedShow(raw);
			if (!parsed.ok) {
				return {
					state,
					effects: answer(
						`/${typed}: ${sanitizeLabel(parsed.error, 300)}; nothing changed`,
						'error',
						{note: false},
					),
				};
			}

			const {show} = parsed;
			const said = `showing ${sanitizeLabel(show.label, 200)} of JSON messages (/${typed} alone ends it)`;
			const isKnown =
				show.serverId === undefined ||
				context.servers.some((server) => server.id === show.serverId);
			return {
				state: act(state, {type: 'set-view', changes: {show}}).state,
				effects: isKnown
					? answer(said, 'info', {note: false})
					: answer(
							// Kept: the server may register in a moment.
							`${said}; no server "${sanitizeLabel(show.serverId ?? '', 200)}" is registered yet`,
							'warning',
							{note: false},
						),
			};
		},
	},
	{
		slash: 'sort',
		usage: `[${sortKeys.join('|')}]`,
		description:
			'sort the server table; -key or `key desc` turns it round; alone, registry order',
		details:
			'ids A→Z, trouble first, busiest first, longest up first; ties keep ids A→Z',
		run(state, {rest}) {
			const parsed = parseSort(rest);
			if (!parsed.ok) {
				return {
					state,
					effects: answer(
						`${sanitizeLabel(parsed.error, 200)}; the order is unchanged`,
						'error',
						{note: false},
					),
				};
			}

			return {
				state: act(state, {
					type: 'set-view',
					changes: {sort: parsed.order},
				}).state,
				effects: answer(
					parsed.order
						? `servers sorted by ${sortLabel(parsed.order)} (/sort alone: registry order)`
						: 'servers in registry order',
					'info',
					{note: false},
				),
			};
		},
	},
	{
		slash: 'ansi',
		usage: '[on|off]',
		description: "servers' colours: drawn (on), or shown as escaped text (off)",
		details:
			'only SGR colour and style is drawn; cursor moves, clears, OSC and every other control stay visible text; alone it toggles; NO_COLOR drops the colours, keeps the text',
		run(state, {words, typed}) {
			const word = words[0]?.toLowerCase();
			if (
				words.length > 1 ||
				(word !== undefined && word !== 'on' && word !== 'off')
			) {
				return {
					state,
					effects: answer(
						`/${typed} takes on or off, not "${sanitizeLabel(words.join(' '), 100)}"`,
						'error',
						{note: false},
					),
				};
			}

			const on = word === undefined ? Boolean(state.ansiOff) : word === 'on';
			return {
				state: act(state, {
					type: 'set-view',
					changes: {ansiOff: on ? undefined : true},
				}).state,
				effects: answer(
					on
						? "servers' colours on: SGR colour and style are drawn"
						: "servers' colours off: SGR shows as escaped text",
					'info',
					{note: false},
				),
			};
		},
	},
];

type ShowResult = {ok: true; show: MessageShow} | {ok: false; error: string};

/** `[@id] expr` as a show; the server's id is the first word when it starts with `@`. */
export function parseShow(raw: string): ShowResult {
	const server = /^@(\S*)\s*/.exec(raw);
	const serverId = server?.[1];
	if (serverId === '') {
		return {ok: false, error: 'an @ needs a server id, e.g. @alpha payload.n'};
	}

	const expression = server ? raw.slice(server[0].length) : raw;
	const parsed = parseJsonQuery(expression);
	if (!parsed.ok) {
		return parsed;
	}

	return {
		ok: true,
		show: {
			query: parsed.query,
			...(serverId === undefined ? {} : {serverId}),
			label: `${serverId === undefined ? '' : `@${serverId} `}${parsed.query.label}`,
		},
	};
}

/*
The same text gives the same show object, so a step stays a function of its line and the records'
cached projections (record-show.ts) are kept when a query is typed again. A few are remembered.
*/
const shows = new Map<string, ShowResult>();
const rememberedLimit = 16;

function rememberedShow(raw: string): ShowResult {
	let result = shows.get(raw);
	if (result === undefined) {
		result = parseShow(raw);
		shows.set(raw, result);
		if (shows.size > rememberedLimit) {
			shows.delete(shows.keys().next().value!);
		}
	}

	return result;
}
