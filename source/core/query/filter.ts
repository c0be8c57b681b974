/**
The `/filter` language. Terms, separated by spaces:

- `@id`, `!@id`: a server (`*` matches any run of characters: `@agent-*`);
- `host=name`, `!host=name`: the machine a server runs on (a team registry's `hostId`, by name;
  `*` as for servers); a JSON field called `host` at the top level is reached as `.host=…`;
- `in`, `out`, `system` (and `!in`…): a direction;
- `word`, `!word`, `"two words"`: text in the line (smart-case, like `/find`);
- `/re/flags`, `!/re/`: a regex over the line;
- `path=value`, `path!=value`, `path>3`, `path<3`, `path>=3`, `path<=3`, `path~text`: a field of a
  JSON message (`payload.items[0].id`); channel frames `[topic, event, payload]` read as
  `{topic, event, payload}`. A message that is not JSON, or lacks the field, does not match.

Positive server terms are alternatives (`@a @b` shows both), and so are positive host terms and
positive direction terms; everything else must hold. Quote a term to look for it as text (`"in"`, `"a=b"`).
*/
import {splitTerms, type FilterToken} from './filter-tokens.js';
import {fieldTerm, isFieldTerm, type FieldTerm} from './field-term.js';
import {parseTextPattern, type TextPattern} from './text-pattern.js';

export type FilterSubject = {
	readonly serverId: string;
	/** The machine the server runs on (the name part of its entry's `hostId`), when known. */
	readonly host?: string;
	readonly direction: 'in' | 'out' | 'system';
	/** The line as the pane shows it. */
	readonly text: string;
	/** The message's JSON value, or undefined when it is not JSON; called only by field terms. */
	json(): unknown;
};

export type MessageFilter = {
	/** The filter as typed, normalised: for the pane rule. */
	readonly label: string;
	test(subject: FilterSubject): boolean;
};

export type FilterResult =
	{ok: true; filter: MessageFilter} | {ok: false; error: string};

const directions = new Set(['in', 'out', 'system']);

type Check = (subject: FilterSubject) => boolean;

export function parseFilter(input: string): FilterResult {
	const split = splitTerms(input);
	if (!split.ok) {
		return split;
	}

	if (split.tokens.length === 0) {
		return {ok: false, error: 'an empty filter; `/filter` alone clears it'};
	}

	const servers: Check[] = [];
	const hosts: Check[] = [];
	const directionsWanted: Check[] = [];
	const all: Check[] = [];
	const labels: string[] = [];
	for (const token of split.tokens) {
		const term = parseTerm(token);
		if (!term.ok) {
			return term;
		}

		labels.push(term.label);
		const check = token.negated
			? (subject: FilterSubject) => !term.check(subject)
			: term.check;
		// Positive server, host and direction terms are alternatives within their kind.
		const alternatives: Partial<Record<string, Check[]>> = {
			server: servers,
			host: hosts,
			direction: directionsWanted,
		};
		(token.negated ? all : (alternatives[term.kind] ?? all)).push(check);
	}

	return {
		ok: true,
		filter: {
			label: labels.join(' '),
			test: (subject) =>
				(servers.length === 0 || servers.some((check) => check(subject))) &&
				(hosts.length === 0 || hosts.some((check) => check(subject))) &&
				(directionsWanted.length === 0 ||
					directionsWanted.some((check) => check(subject))) &&
				all.every((check) => check(subject)),
		},
	};
}

type Term =
	| {
			ok: true;
			kind: 'server' | 'host' | 'direction' | 'text' | 'field';
			label: string;
			check: Check;
	  }
	| {ok: false; error: string};

function parseTerm(token: FilterToken): Term {
	const not = token.negated ? '!' : '';
	if (token.regex || token.quoted) {
		return textTerm(token, not);
	}

	if (token.text.startsWith('@')) {
		const glob = token.text.slice(1);
		if (glob === '') {
			return {ok: false, error: 'a server term needs an id: @id'};
		}

		const matches = globMatcher(glob);
		return {
			ok: true,
			kind: 'server',
			label: `${not}@${glob}`,
			check: (subject) => matches(subject.serverId),
		};
	}

	if (token.text.startsWith('host=')) {
		const glob = token.text.slice('host='.length);
		if (glob === '') {
			return {ok: false, error: 'a host term needs a name: host=build-box'};
		}

		const matches = globMatcher(glob);
		return {
			ok: true,
			kind: 'host',
			label: `${not}host=${glob}`,
			check: (subject) => subject.host !== undefined && matches(subject.host),
		};
	}

	if (directions.has(token.text)) {
		return {
			ok: true,
			kind: 'direction',
			label: `${not}${token.text}`,
			check: (subject) => subject.direction === token.text,
		};
	}

	if (isFieldTerm(token.text)) {
		const field = fieldTerm(token.text);
		return field.ok ? fieldCheck(field.term, not) : field;
	}

	return textTerm(token, not);
}

function textTerm(token: FilterToken, not: string): Term {
	const parsed = parseTextPattern(token.text);
	if (!parsed.ok) {
		return parsed;
	}

	const {pattern} = parsed;
	return {
		ok: true,
		kind: 'text',
		label: `${not}${pattern.label}`,
		check: (subject) => pattern.test(subject.text),
	};
}

function fieldCheck(term: FieldTerm, not: string): Term {
	return {
		ok: true,
		kind: 'field',
		label: `${not}${term.label}`,
		check: (subject) => term.test(subject.json()),
	};
}

/** A matcher for an id with `*` wildcards, whole id only. */
function globMatcher(glob: string): (id: string) => boolean {
	if (!glob.includes('*')) {
		return (id) => id === glob;
	}

	const source = glob
		.split('*')
		.map((part) => part.replaceAll(/[$()+.?[\\\]^{|}]/g, String.raw`\$&`))
		.join('.*');
	const regex = new RegExp(`^${source}$`, 's');
	return (id) => regex.test(id);
}
