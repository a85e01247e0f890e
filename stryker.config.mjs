// Mutation testing of the money-critical modules: `npm run mutate` (not part of `npm test` or CI).
// Narrow it with Stryker's own flag: `npm run mutate -- --mutate electron/core/money.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'electron/core/money.ts',
    'electron/core/providers/ecommpay/signature.ts',
    'electron/core/submission/decide.ts',
    'electron/core/submission/approvalSeal.ts',
    'electron/core/app/access.ts',
    'electron/core/app/payeeProtection.ts',
    'electron/core/providers/sealedPayees.ts',
    'electron/core/security/fieldCipher.ts',
    'electron/core/security/auditChain.ts',
    'electron/core/security/accountNames.ts',
    'electron/core/store/sqlite/journal.ts',
    'electron/core/validation/card.ts',
    'electron/core/validation/address.ts',
    'electron/core/validation/hygiene.ts',
    'electron/core/validation/currency.ts',
    'electron/core/validation/history.ts',
    'electron/core/csv/rowChanges.ts',
    'electron/core/reports/csvWriter.ts',
    'electron/core/providers/computop/decide.ts',
    'electron/core/providers/computop/codes.ts',
    'electron/core/refunds/validateRefunds.ts',
  ],
  coverageAnalysis: 'perTest',
  // Reuses the results of mutants whose code and covering tests did not change since the last run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The machines here have 2 cores.
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/dist', '/out', '/coverage', '/reports', '/bench/.data', '/test/.tmp'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
