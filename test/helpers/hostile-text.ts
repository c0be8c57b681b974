import fc from 'fast-check';

/**
Characters that act on a terminal or hide text when written raw: C0, DEL, C1, the bidi controls,
the line and paragraph separators. JSON we write must hold none of them raw.
*/
export const rawControl =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point.
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

/** A lone surrogate: not a character at all; a terminal or decoder may do anything with it. */
export const loneSurrogate =
	/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every character of `rawControl`, the invisible format characters, and lone surrogates. */
export const hostileCharacters: readonly string[] = [
	...Array.from({length: 0x20}, (_, code) => String.fromCodePoint(code)),
	...Array.from({length: 0x21}, (_, code) => String.fromCodePoint(0x7f + code)),
	...[
		0x6_1c, 0x20_0e, 0x20_0f, 0x20_28, 0x20_29, 0x20_2a, 0x20_2b, 0x20_2c,
		0x20_2d, 0x20_2e, 0x20_66, 0x20_67, 0x20_68, 0x20_69, 0xad, 0x20_0b,
		0x20_0c, 0x20_0d, 0x20_60, 0x20_64, 0xfe_ff, 0xe_00_01, 0xe_00_41,
	].map((code) => String.fromCodePoint(code)),
	'\uD800',
	'\uDFFF',
	'\u001B]0;pwned\u0007',
	'\u001B[6n',
	'\u009B1;113R',
];

/** Text from anywhere in Unicode, dense with hostile characters. */
export const hostileString = (maxLength = 40) =>
	fc.string({
		unit: fc.oneof(
			fc.constantFrom(...hostileCharacters),
			fc.string({unit: 'binary', minLength: 1, maxLength: 1}),
			fc
				.integer({min: 0, max: 0xff_ff})
				.map((code) => String.fromCodePoint(code)),
		),
		maxLength,
	});

/** A JSON value whose strings (keys too) are `hostileString`s. */
export const hostileJson = (maxDepth = 4) =>
	fc.letrec<{value: unknown}>((tie) => ({
		value: fc.oneof(
			{depthSize: 'small', maxDepth},
			hostileString(),
			fc.double({noNaN: true, noDefaultInfinity: true}),
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.array(tie('value'), {maxLength: 4}),
			fc.dictionary(hostileString(12), tie('value'), {maxKeys: 4}),
		),
	})).value;

/** Fails with the line and the character when `line` holds anything a terminal would act on. */
export function assertTerminalSafe(line: string): void {
	const control = rawControl.exec(line) ?? loneSurrogate.exec(line);
	if (control) {
		throw new Error(
			`raw U+${control[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${control.index} in ${visible(line.slice(0, 200))}`,
		);
	}
}

/** The text with everything outside printable ASCII as `\uXXXX`, so a failure message is safe to print. */
function visible(text: string): string {
	return text.replaceAll(
		/[^\u0020-\u007E]/g,
		// eslint-disable-next-line unicorn/prefer-code-point -- one escape per UTF-16 unit.
		(unit) => String.raw`\u` + unit.charCodeAt(0).toString(16).padStart(4, '0'),
	);
}
