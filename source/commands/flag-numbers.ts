/*
The numeric flags: each one's range and how it is read, checked in one pass so a bad value gets a
message that says what was expected.
*/

type Flags = Record<string, unknown>;

export type NumberKey =
	| 'port'
	| 'waitMs'
	| 'maxPayload'
	| 'scrollback'
	| 'pingIntervalMs'
	| 'maxServers'
	| 'recordMax';

type NumberSpec = {
	flag: string;
	key: NumberKey;
	min: number;
	max: number;
	parse: (text: string) => number;
	what: string;
};

const numberSpecs: NumberSpec[] = [
	{
		flag: 'port',
		key: 'port',
		min: 0,
		max: 65_535,
		parse: Number,
		what: 'a whole number from 0 to 65535',
	},
	{
		flag: 'wait',
		key: 'waitMs',
		min: 0,
		max: 600_000,
		parse: Number,
		what: 'milliseconds from 0 to 600000',
	},
	{
		flag: 'maxPayload',
		key: 'maxPayload',
		min: 1024,
		max: 1024 ** 3,
		parse: parseBytes,
		what: 'a size from 1KiB to 1GiB, e.g. 1048576, 512KiB or 4MiB',
	},
	{
		flag: 'scrollback',
		key: 'scrollback',
		min: 100,
		max: 1_000_000,
		parse: Number,
		what: 'a whole number of messages from 100 to 1000000',
	},
	{
		flag: 'pingInterval',
		key: 'pingIntervalMs',
		min: 100,
		max: 3_600_000,
		parse: Number,
		what: 'milliseconds from 100 to 3600000',
	},
	{
		flag: 'maxServers',
		key: 'maxServers',
		min: 1,
		max: 100_000,
		parse: Number,
		what: 'a whole number of servers from 1 to 100000',
	},
	{
		flag: 'recordMax',
		key: 'recordMax',
		min: 4096,
		max: 1024 ** 4,
		parse: parseBytes,
		what: 'a size from 4KiB to 1TiB, e.g. 100MiB',
	},
];

export function parseNumbers(
	flags: Flags,
):
	| {ok: true; values: Partial<Record<NumberKey, number>>}
	| {ok: false; error: string} {
	const values: Partial<Record<NumberKey, number>> = {};
	for (const spec of numberSpecs) {
		const raw = flags[spec.flag];
		if (raw === undefined) {
			continue;
		}

		const text = typeof raw === 'string' ? raw.trim() : '';
		const value = spec.parse(text);
		if (
			text === '' ||
			!Number.isInteger(value) ||
			value < spec.min ||
			value > spec.max
		) {
			return {
				ok: false,
				error: `--${kebabCase(spec.flag)} must be ${spec.what}, got "${typeof raw === 'string' ? raw : typeof raw}"`,
			};
		}

		values[spec.key] = value;
	}

	return {ok: true, values};
}

/** `1048576`, `512KiB`, `512k`, `4MiB`, `4m` → bytes; NaN when unreadable. */
export function parseBytes(text: string): number {
	const match =
		/^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?$/i.exec(text);
	if (!match) {
		return Number.NaN;
	}

	const unit = (match[2] ?? 'b').toLowerCase()[0]!;
	const scale =
		unit === 'k'
			? 1024
			: unit === 'm'
				? 1024 ** 2
				: unit === 'g'
					? 1024 ** 3
					: unit === 't'
						? 1024 ** 4
						: 1;
	return Math.round(Number(match[1]) * scale);
}

function kebabCase(value: string): string {
	return value.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
