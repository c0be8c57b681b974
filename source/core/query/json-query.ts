/**
`/show <expr>` and `--show <expr>`: a JMESPath query (the community edition, a specified language
with a compliance suite) that projects each JSON message. A message the query does not apply to
(not JSON, or a result of `null`, JMESPath's "nothing there") is shown as usual.

Why JMESPath rather than JSONata: it evaluates synchronously, so the pane can project the lines it
draws within the frame, and its language has no loops or recursion of its own, so a query typed by a
person runs in time bounded by the (bounded) message it reads.
*/
import {
	compile,
	TreeInterpreter,
	type JSONValue,
} from '@jmespath-community/jmespath';

export type JsonQuery = {
	/** The expression as typed (trimmed), for the pane rule. */
	readonly label: string;
	/** The projection of `json`, or undefined when the query does not apply to it. */
	apply(json: unknown): {value: unknown} | undefined;
};

export type QueryResult =
	{ok: true; query: JsonQuery} | {ok: false; error: string};

/** A query is typed by a person; longer than this is a paste gone wrong. */
export const maxQueryLength = 1000;

export function parseJsonQuery(input: string): QueryResult {
	const expression = input.trim();
	if (expression === '') {
		return {ok: false, error: 'no query; `/show` alone shows messages as sent'};
	}

	if (expression.length > maxQueryLength) {
		return {
			ok: false,
			error: `a query is at most ${maxQueryLength} characters`,
		};
	}

	let tree: ReturnType<typeof compile>;
	try {
		tree = compile(expression);
	} catch (error) {
		return {
			ok: false,
			error: `bad query ${JSON.stringify(expression)}: ${error instanceof Error ? error.message : String(error)}`,
		};
	}

	return {
		ok: true,
		query: {
			label: expression,
			apply(json) {
				if (json === undefined) {
					return undefined;
				}

				try {
					// `json` comes from `JSON.parse`, so it is a JSON value.
					// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
					const data = json as JSONValue;
					const value: unknown = TreeInterpreter.search(tree, data);
					return value === null ? undefined : {value};
				} catch {
					// A type error at run time (`abs(\`"x"\`)`): the query does not apply to this one.
					return undefined;
				}
			},
		},
	};
}
