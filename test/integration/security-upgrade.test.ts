/**
 * A database from before accounts and the installation key (schema 8: card numbers, ID numbers and phones in
 * clear, approvals sealed with plain SHA-256, audit entries unchained, credentials sealed by the passphrase)
 * is upgraded by `init --admin` without losing anything: its payee data sealed and masked, the approval of a
 * batch that still holds what was approved carried over (it is then paid to the right cards), one that was
 * changed since blocked, its audit trail chained from then on, its credentials sealed under the key.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passphraseCipher } from '../../electron/core/credentials/cipher.js';
import { APPLICATION_ID } from '../../electron/core/store/sqlite/database.js';
import { MIGRATIONS, migrate } from '../../electron/core/store/sqlite/migrations.js';
import { PAYABLE_FIELDS, type PayableRow } from '../../electron/core/store/types.js';
import { approvalSeal } from '../../electron/core/submission/approvalSeal.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { FAST_SENDING, runCliWithPassphrase, TEST_PASSPHRASE, TEST_PASSWORD } from './cliProcess.js';
import { tempDir } from './submissionHarness.js';

const SECRET_KEY = 'legacy-secret-key-1b7e55c0';
const cli = runCliWithPassphrase;

const CARDS = ['6228480000000073019', '6228480000000073365', '6228480000000074405'];
const IDS = ['110105194912310025', '44010619900101012X', '310115198506002117'];
const PHONES = ['13800138001', '13800138002', '13800138003'];

let dir: string;
let db: string;
let sandbox: RunningSandbox;

/** Writes a schema-8 database the way the console before accounts wrote it. */
function writeLegacyDatabase(path: string): void {
  const file = new BetterSqlite3(path);
  file.pragma(`application_id = ${APPLICATION_ID}`);
  file.pragma('journal_mode = WAL');
  migrate(file, MIGRATIONS.slice(0, 8));
  const at = '2026-11-20T08:00:00.000Z';
  const batch = file.prepare(
    `INSERT INTO batches (id, method, source_file_name, source_sha256, encoding, delimiter, row_count, payout_count,
       total_fen, status, created_by, created_at) VALUES (?, 'cup-p2p', ?, ?, 'utf-8', ',', ?, ?, ?, ?, 'alice', ?)`,
  );
  const payout = file.prepare(
    `INSERT INTO payouts (batch_id, line, payment_id, amount_fen, currency, card_number, bank_id, region_id, last_name,
       first_name, customer_id, phone, email, id_number, branch, bank_city, description, state, created_at,
       province, city, street, zip)
     VALUES (?, ?, ?, ?, 'CNY', ?, 1, 5, '张', '伟', '', ?, 'zhang.wei@example.com', ?, '天河支行', '广州', '佣金', ?, ?,
       '广东省', '广州', '天河路385号', '510620')`,
  );
  // Batch 1: approved before the upgrade, not yet sent. Batch 2: approved, then changed in the file.
  for (const [id, state] of [
    [1, 'queued'],
    [2, 'queued'],
  ] as const) {
    batch.run(
      id,
      `legacy-${id}.csv`,
      `sha-${id}`,
      CARDS.length,
      CARDS.length,
      30_300 * CARDS.length,
      'approved',
      at,
    );
    CARDS.forEach((card, i) =>
      payout.run(id, i + 2, `LEGACY-${id}-${i + 1}`, 30_300, card, PHONES[i], IDS[i], state, at),
    );
    const rows = file
      .prepare<[number], PayableRow>(
        `SELECT id, ${PAYABLE_FIELDS.join(', ')} FROM payouts WHERE batch_id = ? ORDER BY id`,
      )
      .all(id);
    const seal = approvalSeal(rows, { digest: 'v2:', payoutCount: 0, totalFen: 0 });
    file
      .prepare(
        `UPDATE batches SET approved_by = 'bob', approved_at = ?, approval_digest = ?, approval_count = ?,
           approval_total_fen = ? WHERE id = ?`,
      )
      .run(at, seal.digest, seal.payoutCount, seal.totalFen, id);
  }
  // After batch 2's approval someone edited a card number in the file.
  file
    .prepare(`UPDATE payouts SET card_number = '6228480000000079998' WHERE payment_id = 'LEGACY-2-1'`)
    .run();
  const audit = file.prepare(
    `INSERT INTO audit_log (at, actor, action, batch_id, details) VALUES (?, ?, ?, ?, '{}')`,
  );
  audit.run(at, 'alice', 'batch.import', 1);
  audit.run(at, 'bob', 'batch.approve', 1);
  audit.run(at, 'alice', 'batch.import', 2);
  audit.run(at, 'bob', 'batch.approve', 2);
  const cipher = passphraseCipher(TEST_PASSPHRASE);
  file
    .prepare(
      `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
       VALUES ('production', 4242, ?, ?, ?, 'carol')`,
    )
    .run(cipher.encrypt(SECRET_KEY), cipher.kind, at);
  file.close();
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, finalAfterMs: 50 });
  dir = tempDir('cup-upgrade-');
  db = join(dir, 'console.sqlite');
  writeLegacyDatabase(db);
  expect(
    readFileSync(db).toString('latin1') +
      (existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`).toString('latin1') : ''),
  ).toContain(CARDS[0]);
  const init = await cli(['init', '--db', db, '--admin', 'admin'], { CUP_NEW_PASSWORD: TEST_PASSWORD });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  for (const [name, role] of [
    ['alice', 'operator'],
    ['bob', 'approver'],
  ])
    expect(
      (
        await cli(['users', 'add', name!, '--role', role!, '--db', db, '--user', 'admin'], {
          CUP_PASSWORD: TEST_PASSWORD,
          CUP_NEW_PASSWORD: TEST_PASSWORD,
        })
      ).code,
    ).toBe(0);
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a database stored before protection', () => {
  it('leaves no clear card number, ID number or phone, nor the secret key, in the file', () => {
    const bytes = [db, `${db}-wal`]
      .filter(existsSync)
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');
    for (const value of [...CARDS, ...IDS, ...PHONES, '6228480000000079998', SECRET_KEY])
      expect(bytes).not.toContain(value);
  });

  it('keeps every payout, masked, and carries over the approval that still holds', () => {
    const file = new BetterSqlite3(db, { readonly: true });
    try {
      const payouts = file.prepare('SELECT payment_id, card_number FROM payouts ORDER BY id').all();
      expect(payouts).toHaveLength(6);
      expect(payouts[0]).toEqual({ payment_id: 'LEGACY-1-1', card_number: '622848******3019' });
      const seals = file.prepare('SELECT id, approval_digest FROM batches ORDER BY id').all() as Array<{
        approval_digest: string;
      }>;
      expect(seals[0]!.approval_digest).toMatch(/^v3:[0-9a-f]{64}$/);
      // The changed batch keeps its old seal: it no longer matches what is stored.
      expect(seals[1]!.approval_digest).toMatch(/^v2:/);
      const credentials = file.prepare('SELECT cipher_kind FROM credentials').pluck().get();
      expect(credentials).toBe('installation-key-aes-256-gcm');
    } finally {
      file.close();
    }
  });

  it('chains the older audit entries: the trail verifies', async () => {
    const verified = await cli(['audit', 'verify', '--db', db, '--json']);
    expect(verified.stderr).toBe('');
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });
    expect(JSON.parse(verified.stdout).entries).toBeGreaterThanOrEqual(4);
  });

  it('pays the batch that still holds what was approved, to the cards it was approved for; blocks the changed one', async () => {
    const sent = await cli(
      ['submit', '1', '--db', db, '--user', 'alice', '--gate', sandbox.url, '--wait', ...FAST_SENDING],
      {
        CUP_PASSWORD: TEST_PASSWORD,
      },
    );
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sandbox.ledger().filter((entry) => entry.payment_id.startsWith('LEGACY-1-'))).toHaveLength(3);
    // Every status answer names the card the provider paid, masked; the console compares it with the payout's
    // (PROVIDER_MISMATCH otherwise): all paid means each went to the card that was approved.
    const status = await cli(['status', '1', '--db', db, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ batch_status: 'completed', counts: { success: 3 } });

    const changed = await cli(
      ['submit', '2', '--db', db, '--user', 'alice', '--gate', sandbox.url, '--wait', ...FAST_SENDING],
      {
        CUP_PASSWORD: TEST_PASSWORD,
      },
    );
    expect(changed.stderr).toMatch(/APPROVAL_CONTENT_CHANGED/);
    expect(sandbox.ledger().filter((entry) => entry.payment_id.startsWith('LEGACY-2-'))).toEqual([]);
  });
});
