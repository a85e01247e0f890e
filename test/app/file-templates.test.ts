/**
 * fileTemplates: the payout file templates the console ships, in English and in Chinese, as UTF-8 text with
 * a BOM; read from the console's resources folder, without a database and before anyone signs in.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/core/app/runtime.js';
import { SOURCE_RESOURCES_DIR } from '../../electron/core/paths.js';
import { TEST_PASSPHRASE } from './appHarness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A console without a database, reading the resources in `resourcesDir` (the repository's by default). */
async function consoleWithout(resourcesDir?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cup-app-templates-'));
  const runtime = await openConsole({
    databasePath: null,
    resourcesDir,
    version: 'test',
    logDir: join(dir, 'logs'),
    keySources: { passphrase: async () => TEST_PASSPHRASE, passphraseAvailable: () => true },
  });
  cleanups.push(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return runtime;
}

const shipped = (file: string) => readFileSync(join(SOURCE_RESOURCES_DIR, 'templates', file), 'utf8');

describe('fileTemplates', () => {
  it('returns the payout and refund templates in both languages, BOM first, to a caller nobody signed in as', async () => {
    const runtime = await consoleWithout();
    const result = await runtime.app.call('fileTemplates', undefined, { lang: 'zh-CN', session: null });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((t) => [t.kind, t.lang, t.file_name])).toEqual([
      ['payout', 'en', 'payouts-template-en.csv'],
      ['payout', 'zh-CN', 'payouts-template-zh-CN.csv'],
      ['refund', 'en', 'refunds-template-en.csv'],
      ['refund', 'zh-CN', 'refunds-template-zh-CN.csv'],
    ]);
    for (const template of result.value) {
      expect(template.content.charCodeAt(0)).toBe(0xfeff);
      // Exactly the file (Node's utf8 keeps the BOM as U+FEFF).
      expect(template.content).toBe(shipped(template.file_name));
    }
    const [en, zh, refundEn] = result.value;
    expect(en?.content.slice(1).split('\r\n')[0]).toMatch(/^payment_id,amount,currency,card_number,/);
    expect(zh?.content.slice(1).split('\r\n')[0]).toMatch(/^订单号,金额,币种,卡号,/);
    expect(refundEn?.content.slice(1).split('\r\n')[0]).toMatch(/^pay_id,trans_id,amount,currency,/);
  });

  it('reads them from the resources folder the console was opened with (the packaged app’s)', async () => {
    const resources = mkdtempSync(join(tmpdir(), 'cup-resources-'));
    cleanups.push(async () => rmSync(resources, { recursive: true, force: true }));
    cpSync(SOURCE_RESOURCES_DIR, resources, { recursive: true });
    // A template saved without its BOM still reaches the user with one.
    writeFileSync(join(resources, 'templates', 'payouts-template-en.csv'), 'payment_id,amount\r\n');
    const runtime = await consoleWithout(resources);
    const result = await runtime.app.call('fileTemplates', undefined, { lang: 'en', session: null });
    expect(result.ok && result.value[0]?.content).toBe('\uFEFFpayment_id,amount\r\n');
  });
});
