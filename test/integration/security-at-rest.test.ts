/**
 * Secrets and card data at rest, and the audit trail that shows tampering, checked on the database file's own
 * bytes and through whole command-line processes: the payees' card numbers, ID numbers and phones and the
 * provider's secret key are nowhere in the file or its write-ahead log; reading commands show them masked;
 * an admin who asks for them in clear is audited; an edited, inserted or deleted audit entry is found.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { withIdCheckCharacter, withLuhnDigit } from '../fixtures/payoutFile.js';
import {
  FAST_SENDING,
  prepareDatabase,
  runCliWithPassphrase,
  TEST_PASSPHRASE,
  TEST_PASSWORD,
  type CliResult as Run,
} from './cliProcess.js';
import { tempDir } from './submissionHarness.js';

const SECRET_KEY = 'at-rest-secret-key-6f1c2b9e44d0';

const cli = runCliWithPassphrase;
const acting = { CUP_PASSWORD: TEST_PASSWORD };

const PAYEES = Array.from({ length: 6 }, (_, i) => ({
  card: withLuhnDigit(`62284800${String(7301 + i * 37).padStart(10, '0')}`),
  id: withIdCheckCharacter(`4401061990010${String(100 + i).padStart(4, '0')}`),
  phone: `1390013${String(7000 + i).padStart(4, '0')}`,
}));

function payoutFile(): string {
  const lines = [
    'payment_id,amount,card_number,bank_id,region_id,last_name,first_name,id_number,phone,email,branch,bank_city,street,zip,description',
  ];
  PAYEES.forEach((p, i) =>
    lines.push(
      `REST-${i + 1},${101 + i}.00,${p.card},1,5,张,伟,${p.id},${p.phone},zhang.wei@example.com,天河支行,广州,天河路385号,510620,佣金`,
    ),
  );
  return lines.join('\n') + '\n';
}

let sandbox: RunningSandbox;
let dir: string;
let db: string;

/** The database's bytes, with its write-ahead log and shared memory file when they exist. */
function fileBytes(path: string): Buffer {
  return Buffer.concat(
    [path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)),
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, finalAfterMs: 50 });
  dir = tempDir('cup-at-rest-');
  db = join(dir, 'console.sqlite');
  await prepareDatabase(db, { alice: ['operator'], bob: ['approver'], carol: ['admin'] });
  const file = join(dir, 'payees.csv');
  writeFileSync(file, payoutFile());
  const imported = await cli(['import', file, '--db', db, '--user', 'alice', '--json'], acting);
  expect(imported.stderr).toBe('');
  expect(JSON.parse(imported.stdout).batch_id).toBe(1);
  expect((await cli(['approve', '1', '--db', db, '--user', 'bob'], acting)).code).toBe(0);
  const sent = await cli(
    ['submit', '1', '--db', db, '--user', 'alice', '--gate', sandbox.url, '--wait', ...FAST_SENDING],
    acting,
  );
  expect(sent.stderr).toBe('');
  const stored = await cli(
    ['credentials', 'set', '--db', db, '--user', 'carol', '--project-id', '4242'],
    acting,
    SECRET_KEY,
  );
  expect(stored.stderr).toBe('');
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('payee data and secrets at rest', () => {
  it('the database file and its log hold no clear card number, ID number, phone or secret key', () => {
    const bytes = fileBytes(db);
    const text = bytes.toString('latin1');
    for (const payee of PAYEES) {
      expect(text).not.toContain(payee.card);
      expect(text).not.toContain(payee.id);
      expect(text).not.toContain(payee.phone);
      // Nor as UTF-16 (a text column in another encoding) or in the last 10 digits alone.
      expect(bytes.includes(Buffer.from(payee.card, 'utf16le'))).toBe(false);
      expect(text).not.toContain(payee.card.slice(-10));
    }
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(TEST_PASSPHRASE);
    // The guard has teeth: the masked forms are there.
    expect(text).toContain(`${PAYEES[0]!.card.slice(0, 6)}`);
  });

  it('stores each card masked with a keyed hash and the sealed data, which are not a plain hash of the card', () => {
    const file = new BetterSqlite3(db, { readonly: true });
    try {
      const rows = file
        .prepare<
          [],
          { card_number: string; id_number: string; phone: string; card_hash: string; payee_sealed: Buffer }
        >('SELECT card_number, id_number, phone, card_hash, payee_sealed FROM payouts ORDER BY id')
        .all();
      expect(rows).toHaveLength(PAYEES.length);
      rows.forEach((row, i) => {
        const payee = PAYEES[i]!;
        expect(row.card_number).toBe(`${payee.card.slice(0, 6)}******${payee.card.slice(-4)}`);
        expect(row.id_number).not.toContain(payee.id.slice(6, 14));
        expect(row.phone).not.toBe(payee.phone);
        expect(row.card_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.card_hash).not.toBe(createHash('sha256').update(payee.card).digest('hex'));
        expect(row.payee_sealed.length).toBeGreaterThan(29);
      });
    } finally {
      file.close();
    }
  });

  it('reading commands show card numbers masked, without any password', async () => {
    for (const args of [
      ['show', '1', '--db', db, '--json'],
      ['status', '1', '--db', db, '--json'],
      ['list', '--db', db, '--json'],
      ['audit', 'list', '--db', db, '--json'],
      ['credentials', 'show', '--db', db, '--json'],
    ]) {
      const run = await cli(args, { CUP_PAYOUTS_PASSPHRASE: '' });
      expect(run.code, args.join(' ')).toBe(0);
      for (const payee of PAYEES) {
        expect(run.stdout).not.toContain(payee.card);
        expect(run.stdout).not.toContain(payee.id);
      }
      expect(run.stdout).not.toContain(SECRET_KEY);
    }
    const shown = await cli(['show', '1', '--db', db, '--json']);
    expect(JSON.parse(shown.stdout).rows[0].card_number).toBe(
      `${PAYEES[0]!.card.slice(0, 6)}******${PAYEES[0]!.card.slice(-4)}`,
    );
  });

  it('an admin may ask for clear payee data, which is audited; nobody else may', async () => {
    const refused = await cli(['show', '1', '--db', db, '--clear-payee-data', '--user', 'bob'], acting);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ROLE_REQUIRED: bob may not do this \(payouts\.reveal\)/m);
    expect(refused.stdout).not.toContain(PAYEES[0]!.card);

    const revealed = await cli(
      ['show', '1', '--db', db, '--clear-payee-data', '--user', 'carol', '--json'],
      acting,
    );
    expect(revealed.stderr).toBe('');
    const { payees } = JSON.parse(revealed.stdout) as {
      payees: Array<{ payment_id: string; card_number: string; id_number: string; phone: string }>;
    };
    expect(payees.map((p) => [p.card_number, p.id_number, p.phone])).toEqual(
      PAYEES.map((p) => [p.card, p.id, p.phone]),
    );
    const audit = await cli(['audit', 'list', '--db', db, '--action', 'payouts.reveal', '--json']);
    expect(JSON.parse(audit.stdout).entries).toEqual([
      expect.objectContaining({
        actor: 'carol',
        action: 'payouts.reveal',
        batch_id: 1,
        details: { payouts: 6 },
      }),
    ]);
  });

  it('a wrong passphrase unlocks nothing and says so without showing it', async () => {
    const run = await cli(['audit', 'verify', '--db', db], {
      CUP_PAYOUTS_PASSPHRASE: 'a wrong passphrase here',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^CREDENTIALS_LOCKED: The passphrase does not unlock this database/m);
    expect(run.stderr + run.stdout).not.toContain('a wrong passphrase here');
  });
});

describe('the audit trail shows tampering', () => {
  /** A copy of the database to tamper with, its audit verification, and the copy's entries. */
  async function tampered(change: (file: BetterSqlite3.Database) => void): Promise<Run> {
    const copy = join(dir, `tampered-${Math.random().toString(36).slice(2)}.sqlite`);
    const source = new BetterSqlite3(db);
    await source.backup(copy);
    source.close();
    const file = new BetterSqlite3(copy);
    change(file);
    file.close();
    return cli(['audit', 'verify', '--db', copy, '--json']);
  }

  it('an intact trail verifies: exit 0, every entry counted', async () => {
    const run = await cli(['audit', 'verify', '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; entries: number; last_id: number; head: string };
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(10);
    expect(result.last_id).toBe(result.entries);
    expect(result.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an edited entry (who approved) is found at that entry', async () => {
    const run = await tampered((file) =>
      file.prepare(`UPDATE audit_log SET actor = 'alice' WHERE action = 'batch.approve'`).run(),
    );
    expect(run.code).toBe(1);
    const id = (JSON.parse(run.stdout) as { broken: { id: number; reason: string } }).broken;
    const approval = new BetterSqlite3(db, { readonly: true });
    const approveId = approval
      .prepare(`SELECT id FROM audit_log WHERE action = 'batch.approve'`)
      .pluck()
      .get();
    approval.close();
    expect(id).toEqual({ id: approveId, reason: 'altered' });
  });

  it('edited details are found too', async () => {
    const run = await tampered((file) =>
      file
        .prepare(
          `UPDATE audit_log SET details = json_set(details, '$.totalFen', 1) WHERE action = 'batch.import'`,
        )
        .run(),
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).broken.reason).toBe('altered');
  });

  it('a deleted entry is found at the entry after it', async () => {
    const run = await tampered((file) => file.prepare('DELETE FROM audit_log WHERE id = 5').run());
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      entries: 4,
      broken: { id: 6, reason: 'missing_before' },
    });
  });

  it('an inserted entry, sealed without the key, is found', async () => {
    const run = await tampered((file) => {
      const last = file
        .prepare<[], { id: number; chain: string }>(
          'SELECT id, chain FROM audit_log ORDER BY id DESC LIMIT 1',
        )
        .get()!;
      const forged = createHash('sha256')
        .update(last.chain + 'batch.approve')
        .digest('hex');
      file
        .prepare(
          `INSERT INTO audit_log (id, at, actor, action, batch_id, details, chain) VALUES (?, ?, 'bob', 'batch.approve', 1, '{}', ?)`,
        )
        .run(last.id + 1, new Date().toISOString(), forged);
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).broken.reason).toBe('altered');
  });

  it('entries swapped in order are found', async () => {
    const run = await tampered((file) => {
      file.prepare('UPDATE audit_log SET id = -1 WHERE id = 3').run();
      file.prepare('UPDATE audit_log SET id = 3 WHERE id = 4').run();
      file.prepare('UPDATE audit_log SET id = 4 WHERE id = -1').run();
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).broken).toMatchObject({ id: 3 });
  });

  it('says where it breaks in plain words without --json', async () => {
    const copy = join(dir, 'plain.sqlite');
    copyFileSync(db, copy);
    if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`);
    const file = new BetterSqlite3(copy);
    file.prepare(`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE id = 2`).run();
    file.close();
    const run = await cli(['audit', 'verify', '--db', copy]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Audit trail broken at entry #2: the entry was edited/m);
  });
});

describe('other providers’ secrets: write-only, encrypted, an admin’s', () => {
  const HMAC = 'computop-hmac-7Hq2LpXs';
  const BLOWFISH = 'computop-blowfish-3Rt9Wk';

  it('stores the Computop passwords from stdin, shows only the merchant id, and keeps them out of the file', async () => {
    const refused = await cli(
      [
        'credentials',
        'set',
        '--provider',
        'computop',
        '--merchant-id',
        'CT-881',
        '--db',
        db,
        '--user',
        'alice',
      ],
      acting,
      `${HMAC}\n${BLOWFISH}\n`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ROLE_REQUIRED: alice may not do this \(credentials\.set\)/m);

    const oneLine = await cli(
      [
        'credentials',
        'set',
        '--provider',
        'computop',
        '--merchant-id',
        'CT-881',
        '--db',
        db,
        '--user',
        'carol',
      ],
      acting,
      `${HMAC}\n`,
    );
    expect(oneLine.code).toBe(2);
    expect(oneLine.stderr).toMatch(/one per line\. Nothing was stored\./);

    const stored = await cli(
      [
        'credentials',
        'set',
        '--provider',
        'computop',
        '--merchant-id',
        'CT-881',
        '--db',
        db,
        '--user',
        'carol',
      ],
      acting,
      `${HMAC}\n${BLOWFISH}\n`,
    );
    expect(stored.stderr).toBe('');
    expect(stored.stdout).toBe('Computop credentials of merchant CT-881 saved, encrypted.\n');

    const shown = await cli(['credentials', 'show', '--provider', 'computop', '--db', db, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      provider: 'computop',
      stored: true,
      public_id: 'CT-881',
      updated_by: 'carol',
    });
    const text = fileBytes(db).toString('latin1');
    for (const secret of [HMAC, BLOWFISH]) {
      expect(text).not.toContain(secret);
      expect(shown.stdout).not.toContain(secret);
    }
    const audit = await cli(['audit', 'list', '--db', db, '--action', 'credentials.', '--json']);
    expect(audit.stdout).not.toContain(HMAC);
    expect(audit.stdout).toContain('CT-881');
  });

  it('deletes them only for an admin', async () => {
    const byOperator = await cli(
      ['credentials', 'delete', '--provider', 'computop', '--db', db, '--user', 'alice'],
      acting,
    );
    expect(byOperator.stderr).toMatch(/^ROLE_REQUIRED/m);
    const byAdmin = await cli(
      ['credentials', 'delete', '--provider', 'computop', '--db', db, '--user', 'carol'],
      acting,
    );
    expect(byAdmin.stdout).toBe('Computop credentials deleted.\n');
    const shown = await cli(['credentials', 'show', '--provider', 'computop', '--db', db, '--json']);
    expect(shown.code).toBe(1);
    expect(JSON.parse(shown.stdout)).toEqual({ provider: 'computop', stored: false });
  });
});
