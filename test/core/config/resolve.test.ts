import {describe, expect, test} from 'vitest';
import {
	resolveSettings,
	type SettingSource,
} from '../../../source/core/config/resolve.js';

/** One flag with an environment variable (registry), one boolean with one (notify), one without (scrollback). */
const cases: Array<{
	flag: boolean;
	env: boolean;
	config: boolean;
	source: SettingSource;
}> = [];
for (const flag of [true, false]) {
	for (const env of [true, false]) {
		for (const config of [true, false]) {
			cases.push({
				flag,
				env,
				config,
				source: flag ? 'flag' : env ? 'env' : config ? 'config' : 'default',
			});
		}
	}
}

describe('settings precedence: flag > environment > config > built-in', () => {
	test.each(cases)(
		'flag $flag, environment $env, config $config → $source',
		({flag, env, config, source}) => {
			const result = resolveSettings({
				given: new Set(flag ? ['registry', 'notify', 'scrollback'] : []),
				flags: {registry: '/flag.json', notify: false, scrollback: '700'},
				environment: env
					? {SHIPYARD_REGISTRY: '/env.json', SHIPYARD_NOTIFY: 'yes'}
					: {},
				config: config
					? {registry: '/config.json', notify: true, scrollback: '900'}
					: {},
			});
			expect(result.ok).toBe(true);
			const {values, sources} = result.ok
				? result.settings
				: {values: {}, sources: {}};
			expect(sources.registry).toBe(source);
			expect(values.registry).toBe(
				{
					flag: '/flag.json',
					env: '/env.json',
					config: '/config.json',
					default: undefined,
				}[source],
			);
			expect(values.notify).toBe(
				{flag: false, env: true, config: true, default: false}[source],
			);
			// No environment variable: the environment is skipped.
			const scrollbackSource = flag ? 'flag' : config ? 'config' : 'default';
			expect(sources.scrollback).toBe(scrollbackSource);
			expect(values.scrollback).toBe(
				{flag: '700', config: '900', default: undefined}[scrollbackSource],
			);
		},
	);

	test('a list from the command line replaces the config file’s', () => {
		const result = resolveSettings({
			given: new Set(['subscribe']),
			flags: {subscribe: ['a']},
			environment: {},
			config: {subscribe: ['b', 'c'], alert: ['/x/']},
		});
		expect(result.ok && result.settings.values).toMatchObject({
			subscribe: ['a'],
			alert: ['/x/'],
		});
	});

	test('an unreadable boolean in the environment is a clear error', () => {
		expect(
			resolveSettings({
				given: new Set(),
				flags: {},
				environment: {SHIPYARD_NOTIFY: 'maybe'},
				config: {},
			}),
		).toEqual({
			ok: false,
			error:
				'SHIPYARD_NOTIFY must be 1 or 0 (true/false, yes/no, on/off), got "maybe"',
		});
	});
});
