/**
 * "Did you mean" costs valid rows nothing: the suggestion index is built on a run's first unknown bank cell,
 * once, and never for a file whose banks all resolve.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { loadReferenceData, type Bank } from '../../electron/core/reference/referenceData.js';
import { buildBankIndex, checkBank } from '../../electron/core/validation/bank.js';
import * as suggestions from '../../electron/core/validation/bankSuggestions.js';
import type { RowIssue } from '../../electron/core/types.js';

vi.mock('../../electron/core/validation/bankSuggestions.js', async (importOriginal) => {
  const original = await importOriginal<typeof suggestions>();
  return { ...original, createBankSuggester: vi.fn(original.createBankSuggester) };
});

const NAMES = { method: 'CUP P2P', method_zh: '银联 P2P' };
let banks: Bank[];
beforeAll(() => {
  banks = loadReferenceData(SOURCE_REFERENCE_DIR).methods.get('cup-p2p')!.banks;
});

describe('the suggestion index', () => {
  it('is built on the first unknown cell of an index only, and reused', () => {
    const built = vi.mocked(suggestions.createBankSuggester);
    built.mockClear();
    const index = buildBankIndex(banks);
    const issues: RowIssue[] = [];
    for (let i = 0; i < 2000; i++) {
      for (const value of ['23', '中国工商银行', 'Bank Of China', '１６', 'luzhou bank', ''])
        checkBank(value, index, NAMES, issues);
    }
    expect(issues.some((issue) => issue.code === 'BANK_UNKNOWN')).toBe(false);
    expect(built).not.toHaveBeenCalled();

    checkBank('工商银行', index, NAMES, issues);
    checkBank('Bank of Chian', index, NAMES, issues);
    checkBank('99999', index, NAMES, issues);
    expect(built).toHaveBeenCalledTimes(1);
    expect(issues.filter((issue) => issue.code === 'BANK_UNKNOWN')).toHaveLength(3);

    // A new run (a new index) builds its own on its first unknown cell.
    checkBank('工商银行', buildBankIndex(banks), NAMES, issues);
    expect(built).toHaveBeenCalledTimes(2);
  });
});
