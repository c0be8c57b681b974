import {expectTypeOf, test} from 'vitest';
import {type z} from 'zod';
import {
	type serverEntrySchema,
	type ServerEntry,
} from '../../source/core/registry/schema.js';

// Checked by `tsc --noEmit` (part of `npm test`): the written-out entry type is exactly what the
// schema returns, so the declarations can name it without naming zod.
test('ServerEntry is exactly the output of serverEntrySchema', () => {
	expectTypeOf<ServerEntry>().toEqualTypeOf<
		z.output<typeof serverEntrySchema>
	>();
});
