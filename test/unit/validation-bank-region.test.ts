import { beforeAll, describe, expect, it } from 'vitest';
import { buildBankIndex, checkBank, type BankIndex } from '../../electron/core/validation/bank.js';
import { buildRegionIndex, checkRegion, type RegionIndex } from '../../electron/core/validation/region.js';
import { loadReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import type { RowIssue } from '../../electron/core/types.js';

const NAMES = { method: 'CUP P2P', method_zh: '银联 P2P' };
let p2pBanks: BankIndex;
let quickpayBanks: BankIndex;
let regions: RegionIndex;

beforeAll(() => {
  const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  p2pBanks = buildBankIndex(reference.methods.get('cup-p2p')!.banks);
  quickpayBanks = buildBankIndex(reference.methods.get('cup-quickpay')!.banks);
  regions = buildRegionIndex(reference.regions);
});

function bank(value: string, index = p2pBanks) {
  const issues: RowIssue[] = [];
  return { id: checkBank(value, index, NAMES, issues), issues };
}

function region(value: string) {
  const issues: RowIssue[] = [];
  return { id: checkRegion(value, regions, issues), issues };
}

describe('checkBank', () => {
  it.each([
    ['1', 1],
    ['55501', 55501],
    ['０６', 6],
    ['Bank Of Qinghai', 55501],
    ['bank of qinghai', 55501],
    ['  BANK   OF  QINGHAI ', 55501],
    ['Industrial and Commercial Bank of China', 23],
    ['中国银行', 6],
    ["Tai'An City Commercial Bank", 1181],
    ['Tai’an City Commercial Bank', 1181],
    ["Xi'an Bank", 375],
    ['Bank of Beijing Co., Ltd', 5],
  ])('resolves %j to %d', (value, id) => {
    expect(bank(value)).toEqual({ id, issues: [] });
  });

  it('reports an empty cell as missing', () => {
    expect(bank('')).toEqual({
      id: null,
      issues: [{ code: 'REQUIRED_MISSING', severity: 'error', field: 'bank_id', params: {} }],
    });
  });

  it.each(['99999', '0', '55502', 'Bank of Atlantis', 'Bank Of', '1.0', '-1'])(
    'reports %j as BANK_UNKNOWN',
    (value) => {
      expect(bank(value)).toEqual({
        id: null,
        issues: [
          {
            code: 'BANK_UNKNOWN',
            severity: 'error',
            field: 'bank_id',
            // Names may come with "did you mean" suggestions (banks-lookup.test.ts); numbers never do.
            params: expect.objectContaining({ value, method: 'CUP P2P', method_zh: '银联 P2P' }),
          },
        ],
      });
    },
  );

  it.each([
    ['18', 18],
    ['Jiangxi Sheng', 18],
  ])('resolves %j to %d, warning that the table entry is a region name', (value, id) => {
    const result = bank(value);
    expect(result.id).toBe(id);
    expect(result.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['BANK_LOOKS_LIKE_REGION', 'warning'],
    ]);
  });

  it('validates against the method’s own list: 55501 is not a QuickPay bank, 299 is', () => {
    expect(bank('55501', quickpayBanks).issues[0]?.code).toBe('BANK_UNKNOWN');
    expect(bank('299', quickpayBanks).id).toBe(299);
    expect(bank('Bohai Bank', quickpayBanks).id).toBe(8);
  });

  it('reports a name carried by two IDs as ambiguous and lists them; the IDs themselves resolve', () => {
    expect(bank('Luzhou Bank')).toEqual({
      id: null,
      issues: [
        {
          code: 'BANK_AMBIGUOUS',
          severity: 'error',
          field: 'bank_id',
          params: { value: 'Luzhou Bank', ids: '340, 391' },
        },
      ],
    });
    expect(bank('luzhou  bank').issues[0]?.code).toBe('BANK_AMBIGUOUS');
    expect(bank('340').id).toBe(340);
    expect(bank('391').id).toBe(391);
  });
});

describe('checkRegion', () => {
  it.each([
    ['1', 1],
    ['34', 34],
    ['05', 5],
    ['５', 5],
    ['Guangdong Sheng', 5],
    ['guangdong sheng', 5],
    ['GUANGDONG  SHENG', 5],
    ['Guangdong', 5],
    ['广东省', 5],
    ['广东', 5],
    ['上海市', 26],
    ['上海', 26],
    ['香港特别行政区', 13],
    ['香港', 13],
    ['Hong Kong SAR', 13],
    ['Hong Kong', 13],
    ['广西壮族自治区', 7],
    ['广西', 7],
    ['Guangxi Zhuangzu Zizhiqu', 7],
    ['内蒙古', 21],
    ['Nei Mongol Zizhiqu', 21],
    ['Shaanxi Sheng', 27],
    ['Shanxi Sheng', 28],
    ['澳门', 20],
  ])('resolves %j to %d', (value, id) => {
    expect(region(value)).toEqual({ id, issues: [] });
  });

  it('reports an empty cell as missing', () => {
    expect(region('').issues).toEqual([
      { code: 'REQUIRED_MISSING', severity: 'error', field: 'region_id', params: {} },
    ]);
  });

  it.each(['0', '35', '99', 'Atlantis', '广东市', 'Guangdong Shi', 'Sheng', '东', '5.0'])(
    'reports %j as REGION_UNKNOWN',
    (value) => {
      expect(region(value)).toEqual({
        id: null,
        issues: [{ code: 'REGION_UNKNOWN', severity: 'error', field: 'region_id', params: { value } }],
      });
    },
  );

  it('maps every alias of every shipped region to that region (no alias clashes)', () => {
    const reference = loadReferenceData(SOURCE_REFERENCE_DIR);
    for (const r of reference.regions) {
      for (const alias of [String(r.id), r.name_en, r.name_en.toLowerCase(), r.name_zh, r.name_zh_short]) {
        expect(region(alias).id, alias).toBe(r.id);
      }
    }
  });
});
