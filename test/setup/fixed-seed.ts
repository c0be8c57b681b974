import fc from 'fast-check';

/*
For mutation runs only (vitest.mutate.config.ts): one fixed seed for every property test. Their names
carry the seed (`… (with seed=…)`); a random one changes between Stryker's first run, which maps
tests to mutants, and each mutant's run, so the property tests were never picked and never killed a
mutant. `npm test` keeps random seeds, so every run still tries new inputs.
*/
fc.configureGlobal({seed: 20_261_130});
