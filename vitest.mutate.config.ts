import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` runs against the mutants (see stryker.config.mjs): the unit tests and the journal's
 * tests against a real SQLite file. Left out: the end-to-end submission tests (a sandbox over HTTP, seconds per
 * test, run again for every mutant they cover: 13 min for journal.ts alone, against seconds for its own tests)
 * and the full suite's global set-up (the command-line build), which no test here needs.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/store.journal.test.ts'],
    // A timing guard over 100,000 rows: instrumented code is slower (it fails its limit under Stryker), and it
    // would run for every mutant of card.ts. validation-card.test.ts tests card.ts itself.
    // reference-data.test.ts and gate-guidance.test.ts read ../shared beside the repository, which Stryker's
    // sandbox copy (.stryker-tmp/sandbox-*) does not have.
    exclude: [
      'test/unit/validation-rows.test.ts',
      'test/unit/reference-data.test.ts',
      'test/unit/gate-guidance.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
