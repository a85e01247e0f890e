/**
 * The Chinese bank names and region flags of the shipped tables (resources/reference/banks-*.json): data with
 * the checks that keep it honest against the tables' own IDs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadReferenceData,
  type Bank,
  type ReferenceData,
} from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { buildBankIndex, checkBank } from '../../electron/core/validation/bank.js';
import { bankKey } from '../../electron/core/validation/bankSuggestions.js';
import { METHOD_IDS, type MethodId, type RowIssue } from '../../electron/core/types.js';

let reference: ReferenceData;
beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
});

const banksOf = (method: MethodId): Bank[] => reference.methods.get(method)!.banks;
const bankOf = (method: MethodId, id: number): Bank | undefined => banksOf(method).find((b) => b.id === id);

describe('Chinese bank names', () => {
  it.each(METHOD_IDS)('%s: 23 is ICBC, 中国工商银行', (method) => {
    expect(bankOf(method, 23)).toEqual({
      id: 23,
      name: 'Industrial and Commercial Bank of China',
      name_zh: '中国工商银行',
    });
  });

  it.each([
    [1, '中国农业银行'],
    [2, '交通银行'],
    [6, '中国银行'],
    [9, '中国建设银行'],
    [13, '招商银行'],
    [28, '中国邮政储蓄银行'],
  ] as const)('every method that lists %i calls it %s', (id, nameZh) => {
    for (const method of METHOD_IDS) expect(bankOf(method, id)?.name_zh, method).toBe(nameZh);
  });

  it('29 is another bank in QuickPay (ShenZhen Development Bank) than in P2P and Banks (a region name)', () => {
    expect(bankOf('cup-quickpay', 29)).toEqual({
      id: 29,
      name: 'ShenZhen Development Bank',
      name_zh: '深圳发展银行',
    });
    for (const method of ['cup-p2p', 'cup-banks'] as const) {
      expect(bankOf(method, 29)).toEqual({ id: 29, name: 'Tianjin Shi', looks_like_region: true });
    }
  });

  it.each(METHOD_IDS)('%s: every Chinese name is Chinese characters only', (method) => {
    for (const bank of banksOf(method)) {
      if (bank.name_zh === undefined) continue;
      expect(bank.name_zh, String(bank.id)).toMatch(/^\p{Script=Han}{2,}$/u);
      expect(bank.name_zh.endsWith('银行') || bank.name_zh.includes('信'), bank.name_zh).toBe(true);
    }
  });

  it.each([
    ['cup-p2p', 149],
    ['cup-banks', 149],
    ['cup-quickpay', 18],
  ] as const)('%s: %i banks carry a Chinese name', (method, count) => {
    expect(banksOf(method).filter((bank) => bank.name_zh !== undefined)).toHaveLength(count);
  });

  it('the P2P and Banks tables are the same table, Chinese names and flags included', () => {
    const byId = (banks: Bank[]) => [...banks].sort((a, b) => a.id - b.id);
    expect(byId(banksOf('cup-banks'))).toEqual(byId(banksOf('cup-p2p')));
  });

  it('a bank with the same ID and English name in two tables has the same Chinese name', () => {
    for (const a of METHOD_IDS) {
      for (const b of METHOD_IDS) {
        for (const bank of banksOf(a)) {
          const other = bankOf(b, bank.id);
          if (other && bankKey(other.name) === bankKey(bank.name))
            expect(other.name_zh, `${a}/${b} ${bank.id}`).toBe(bank.name_zh);
        }
      }
    }
  });

  it.each([
    ['cup-p2p', { 泸州银行: [340, 391] }],
    ['cup-banks', { 泸州银行: [340, 391] }],
    ['cup-quickpay', {}],
  ] as const)(
    '%s: a Chinese name is carried by one ID, except where the English name is too',
    (method, shared) => {
      const idsByName = new Map<string, number[]>();
      for (const bank of banksOf(method)) {
        if (bank.name_zh) idsByName.set(bank.name_zh, [...(idsByName.get(bank.name_zh) ?? []), bank.id]);
      }
      const duplicates = Object.fromEntries([...idsByName].filter(([, ids]) => ids.length > 1));
      expect(duplicates).toEqual(shared);
      for (const ids of Object.values(duplicates)) {
        expect(new Set(ids.map((id) => bankOf(method, id)!.name)).size).toBe(1);
      }
    },
  );

  it('a Chinese name carried by several IDs is BANK_AMBIGUOUS, like a shared English name', () => {
    const index = buildBankIndex(banksOf('cup-p2p'));
    const names = { method: 'CUP P2P', method_zh: '银联 P2P' };
    for (const value of ['泸州银行', 'Luzhou Bank']) {
      const issues: RowIssue[] = [];
      expect(checkBank(value, index, names, issues)).toBeNull();
      expect(issues).toEqual([
        { code: 'BANK_AMBIGUOUS', severity: 'error', field: 'bank_id', params: { value, ids: '340, 391' } },
      ]);
    }
  });

  it('a Chinese name is never the name of another bank in the same table', () => {
    for (const method of METHOD_IDS) {
      const idsByKey = new Map<string, Set<number>>();
      for (const bank of banksOf(method)) {
        for (const name of [bank.name, bank.name_zh]) {
          if (name === undefined) continue;
          const key = bankKey(name);
          idsByKey.set(key, (idsByKey.get(key) ?? new Set()).add(bank.id));
        }
      }
      const shared = [...idsByKey].filter(([, ids]) => ids.size > 1).map(([key]) => key);
      expect(shared, method).toEqual(method === 'cup-quickpay' ? [] : ['luzhoubank', '泸州银行']);
    }
  });
});

describe('table entries that are region names', () => {
  it.each([
    ['cup-p2p', [16, 18, 29, 30]],
    ['cup-banks', [16, 18, 29, 30]],
    ['cup-quickpay', []],
  ] as const)('%s flags exactly the entries named like a region: %j', (method, ids) => {
    const regionNames = new Set(reference.regions.map((region) => bankKey(region.name_en)));
    const flagged = banksOf(method).filter((bank) => bank.looks_like_region === true);
    const named = banksOf(method).filter((bank) => regionNames.has(bankKey(bank.name)));
    expect(flagged.map((bank) => bank.id).sort((a, b) => a - b)).toEqual(ids);
    expect(named).toEqual(flagged);
    // A region name is no bank: it gets no Chinese bank name.
    for (const bank of flagged) expect(bank.name_zh).toBeUndefined();
  });

  it('flags only with true, never false', () => {
    for (const method of METHOD_IDS) {
      for (const bank of banksOf(method)) expect([undefined, true]).toContain(bank.looks_like_region);
    }
  });
});
