/**
 * The shipped reference tables (resources/reference) checked against the provider's seed documents in
 * ../shared/seeds (beside the repository, here and in CI).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData, type ReferenceData } from '../../electron/core/reference/referenceData.js';
import { SOURCE_RESOURCES_DIR, SOURCE_REFERENCE_DIR } from '../../electron/core/paths.js';
import { parseAmountToFen } from '../../electron/core/money.js';
import { METHOD_IDS, type MethodId } from '../../electron/core/types.js';

const REPO_ROOT = join(SOURCE_RESOURCES_DIR, '..');
const SEEDS_DIR = join(REPO_ROOT, '..', 'shared', 'seeds');

interface SeedTables {
  banks: Array<{ name: string; id: number }>;
  regions: Array<{ name: string; id: number }>;
  payoutLimits: { min_fen: number; max_fen: number };
}

/** The seed document whose file name starts with the method's seed number, e.g. `000_…txt`. */
function readSeed(seed: string): string {
  const file = readdirSync(SEEDS_DIR).find((name) => name.startsWith(`${seed}_`));
  if (!file) throw new Error(`seed ${seed} not found in ${SEEDS_DIR}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

/** The "name id" lines of the table whose caption starts with one of `captions` (English or Russian). */
function readTable(lines: string[], captions: string[]): Array<{ name: string; id: number }> {
  const start = lines.findIndex((line) => captions.some((caption) => line.startsWith(caption)));
  if (start < 0) throw new Error(`table ${captions.join(' / ')} not found`);
  const rows: Array<{ name: string; id: number }> = [];
  // Caption, then a column-header line, then rows until the first blank line.
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const match = /^(.*\S)\s+(\d+)$/.exec(line);
    if (!match) throw new Error(`unexpected table line: ${line}`);
    rows.push({ name: match[1]!, id: Number(match[2]) });
  }
  return rows;
}

function parseSeed(text: string): SeedTables {
  const lines = text.split(/\r?\n/);
  // "Payouts + 10.00 44,999.00 * *" (the Russian document: "Выплаты + …") in the operations table.
  const limits = /^(?:Payouts|Выплаты) \+ ([\d,]+\.\d{2}) ([\d,]+\.\d{2})/m.exec(text);
  if (!limits) throw new Error('payout limits line not found');
  return {
    banks: readTable(lines, ['Table 1.', 'Табл. 1.']),
    regions: readTable(lines, ['Table 2.', 'Табл. 2.']),
    payoutLimits: { min_fen: parseAmountToFen(limits[1]!)!, max_fen: parseAmountToFen(limits[2]!)! },
  };
}

let reference: ReferenceData;
const seeds = new Map<MethodId, SeedTables>();

beforeAll(() => {
  reference = loadReferenceData(SOURCE_REFERENCE_DIR);
  for (const id of METHOD_IDS) seeds.set(id, parseSeed(readSeed(reference.methods.get(id)!.seed)));
});

const method = (id: MethodId) => reference.methods.get(id)!;
const seed = (id: MethodId) => seeds.get(id)!;

describe('shipped reference data vs the seed documents', () => {
  it('ships exactly the three payout methods', () => {
    expect([...reference.methods.keys()].sort()).toEqual([...METHOD_IDS].sort());
  });

  it.each([
    ['cup-p2p', 169],
    ['cup-banks', 169],
    ['cup-quickpay', 18],
  ] as const)('%s has %d banks, as its seed table', (id, count) => {
    expect(seed(id).banks).toHaveLength(count);
    expect(method(id).banks).toHaveLength(count);
  });

  it.each(METHOD_IDS)(
    '%s: every (name, id) pair of the seed table is in the JSON, and nothing else',
    (id) => {
      const shipped = method(id)
        .banks.map((bank) => `${bank.id} ${bank.name}`)
        .sort();
      const documented = seed(id)
        .banks.map((bank) => `${bank.id} ${bank.name}`)
        .sort();
      expect(shipped).toEqual(documented);
    },
  );

  it('has the irregular IDs and names the product notes call out', () => {
    const p2p = method('cup-p2p').banks;
    expect(p2p).toContainEqual(expect.objectContaining({ id: 55501, name: 'Bank Of Qinghai' }));
    expect(p2p.filter((bank) => bank.name === 'Luzhou Bank').map((bank) => bank.id)).toEqual([340, 391]);
    expect(p2p).toContainEqual(expect.objectContaining({ id: 18, name: 'Jiangxi Sheng' }));
    expect(method('cup-banks').banks).toContainEqual(
      expect.objectContaining({ id: 55501, name: 'Bank Of Qinghai' }),
    );
    expect(method('cup-quickpay').banks).toContainEqual(
      expect.objectContaining({ id: 299, name: 'Guangfa Bank Co., Ltd.' }),
    );
  });

  it('has 34 regions, IDs 1-34, matching every seed table', () => {
    expect(reference.regions).toHaveLength(34);
    expect(reference.regions.map((region) => region.id)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    for (const id of METHOD_IDS) {
      expect(seed(id).regions).toHaveLength(34);
      for (const { name, id: regionId } of seed(id).regions) {
        expect(reference.regions.find((region) => region.id === regionId)?.name_en, `${id}: ${name}`).toBe(
          name,
        );
      }
    }
  });

  it('has the official Chinese region names and their short forms', () => {
    const zh = reference.regions.map((region) => region.name_zh);
    for (const name of ['安徽省', '北京市', '香港特别行政区', '澳门特别行政区', '广西壮族自治区', '上海市']) {
      expect(zh).toContain(name);
    }
    for (const region of reference.regions) {
      expect(region.name_zh.startsWith(region.name_zh_short), region.name_zh).toBe(true);
      expect(region.name_zh_short.length).toBeLessThan(region.name_zh.length);
    }
    expect(new Set(reference.regions.map((region) => region.name_zh_short)).size).toBe(34);
  });

  it.each([
    ['cup-p2p', 1000, 4499900],
    ['cup-quickpay', 1000, 4499900],
    ['cup-banks', 10000, 4999900],
  ] as const)('%s payout limits are %d–%d fen, as the seed documents', (id, min, max) => {
    expect(seed(id).payoutLimits).toEqual({ min_fen: min, max_fen: max });
    expect(method(id).limits).toEqual(seed(id).payoutLimits);
  });
});
