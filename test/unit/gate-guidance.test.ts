/**
 * ecommpay's codes in plain words (core/providers/ecommpay/codes.ts): every code the gateway notes and the seed
 * documents name has its meaning, what to do and whether money may have moved, in English and Chinese; and
 * the guidance is what a person reads beside the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_RESOURCES_DIR } from '../../electron/core/paths.js';
import { ECOMMPAY_CODES } from '../../electron/core/providers/ecommpay/codes.js';
import { ecommpayCode, ecommpayGuidance } from '../../electron/core/providers/ecommpay/guidance.js';
import { plainReason } from '../../electron/core/i18n/payoutReasons.js';
import { OPERATION_CODES, ERRORS, STATUS_ERRORS } from '../../electron/sandbox/codes.js';
import { PAYOUT_GUIDANCE } from '../../electron/core/app/views.js';

const SHARED = join(SOURCE_RESOURCES_DIR, '..', '..', 'shared');

/** The codes issue 8 lists, 3103–3112 spelled out. */
const LISTED = [
  '3041',
  '3061',
  '3062',
  '2004',
  '2642',
  '3358',
  '2801',
  '3028',
  ...Array.from({ length: 10 }, (_, i) => String(3103 + i)),
  '20102',
  '20105',
  '20106',
  '20602',
  '100',
  '314',
  '601',
  '9999',
];

/** The backquoted codes of the gateway notes' answer sections (a `3103`–`3112` range spelled out). */
function designCodes(): string[] {
  const text = readFileSync(join(SHARED, 'design', 'gateway-ecommpay.md'), 'utf8');
  const start = text.indexOf('## Synchronous answers');
  const end = text.indexOf('## Callbacks');
  expect(start).toBeGreaterThan(0);
  const section = text.slice(start, end);
  const codes = new Set([...section.matchAll(/`(\d{3,5})`/g)].map((m) => m[1]!));
  for (const m of section.matchAll(/`(\d+)`[–-]`(\d+)`/g)) {
    for (let n = Number(m[1]); n <= Number(m[2]); n += 1) codes.add(String(n));
  }
  return [...codes];
}

/** Every operation or error code the seed documents show in an example. */
function seedCodes(): string[] {
  const dir = join(SHARED, 'seeds');
  const codes = new Set<string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/"code":\s*"?(\d+)"?/g)) codes.add(m[1]!);
  }
  return [...codes];
}

const CJK = /[\u4e00-\u9fff]/;

describe('the ecommpay code table', () => {
  it('holds every code issue 8 lists', () => {
    for (const code of LISTED) expect(ecommpayCode(code), code).not.toBeNull();
  });

  it('holds every code of the gateway notes and of the seed documents', () => {
    const design = designCodes();
    expect(design).toEqual(expect.arrayContaining(['3261', '20601', '29999', '3112']));
    const seeds = seedCodes();
    expect(seeds).toEqual(expect.arrayContaining(['0', '20105', '20106', '20602']));
    for (const code of [...design, ...seeds]) expect(ecommpayCode(code), code).not.toBeNull();
  });

  it('holds every provider code the emulator answers with', () => {
    const sandbox = [
      ...Object.values(ERRORS).map((e) => e.code),
      ...Object.values(STATUS_ERRORS).map((e) => e.code),
      ...Object.values(OPERATION_CODES).map((e) => e.code),
    ].filter((code) => !['404', '413', '401'].includes(code)); // the emulator's own HTTP plumbing
    for (const code of sandbox) expect(ecommpayCode(code), code).not.toBeNull();
  });

  it('says for each code what it means and what to do, in English and Chinese, and whether money moved', () => {
    const seen = new Set<string>();
    for (const entry of ECOMMPAY_CODES) {
      expect(seen.has(entry.code), `${entry.code} twice`).toBe(false);
      seen.add(entry.code);
      for (const words of [entry.meaning, entry.action]) {
        expect(words.en.trim(), entry.code).not.toBe('');
        expect(words.en, entry.code).not.toMatch(CJK);
        expect(words['zh-CN'], entry.code).toMatch(CJK);
      }
      // Actions are whole sentences (guidance.ts lowers their first letter after the money phrase).
      expect(entry.action.en, entry.code).toMatch(/^[A-Z][a-z]/);
      expect(['no', 'possibly', 'yes']).toContain(entry.moneyMoved);
    }
    for (const code of LISTED) {
      const entry = ecommpayCode(code)!;
      for (const lang of ['en', 'zh-CN'] as const) {
        const text = ecommpayGuidance(code, lang)!;
        expect(text).toContain(entry.meaning[lang]);
        expect(text).toContain(entry.action[lang].slice(1));
      }
    }
  });

  it('says plainly whether money may have moved', () => {
    expect(ecommpayGuidance('20105', 'en')).toBe(
      "Declined by the bank: the payee's account cannot take the payment. Nothing was paid; if it is still due, pay it as a new payout.",
    );
    expect(ecommpayGuidance('20105', 'zh-CN')).toBe(
      '银行拒绝：收款人账户无法入账。未付款；如仍需支付，请作为新的付款重新发起。',
    );
    expect(ecommpayGuidance('3041', 'en')).toContain(
      'Money may have moved; never pay it again under a new ID',
    );
    expect(ecommpayGuidance('9999', 'zh-CN')).toContain('款项可能已付出；');
    expect(ecommpayGuidance('0', 'en')).toContain('The money was paid out');
    expect(ecommpayCode(3111)?.moneyMoved).toBe('no');
    expect(ecommpayGuidance('31337', 'en')).toBeNull();
  });

  it('is what a payout’s reason says, except for a paid payout, whose state says it', () => {
    const declined = { state: 'decline', code: '20105', message: 'Insufficient funds on customer account' };
    expect(plainReason(declined, 'en', PAYOUT_GUIDANCE)).toBe(ecommpayGuidance('20105', 'en'));
    expect(plainReason(declined, 'zh-CN', PAYOUT_GUIDANCE)).toBe(ecommpayGuidance('20105', 'zh-CN'));
    const reversed = { state: 'reversed', code: '0', message: 'Success' };
    expect(plainReason(reversed, 'en', PAYOUT_GUIDANCE)).toBe(
      'Paid, then reversed: the money came back. Success',
    );
    expect(plainReason({ state: 'success', code: '0', message: null }, 'zh-CN', PAYOUT_GUIDANCE)).toBe(
      '已付款。',
    );
    expect(plainReason({ state: 'decline', code: '777', message: 'odd' }, 'en', PAYOUT_GUIDANCE)).toBe(
      'Declined; nothing was paid. odd',
    );
  });
});
