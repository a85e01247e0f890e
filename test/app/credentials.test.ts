/**
 * The provider credentials through the application layer: status, set, replace, delete, on a real SQLite
 * file; and production sending with the stored key against a real HTTP Gate (the emulated provider, set up
 * with a production-like project id and key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolePolicy, type AccessPolicy } from '../../electron/core/app/access.js';
import { describeKnownError } from '../../electron/core/app/errors.js';
import type { SendingOverrides } from '../../electron/core/app/sendingConfig.js';
import {
  CredentialsError,
  PASSPHRASE_CIPHER_KIND,
  passphraseCipher,
  passphraseFromEnv,
  type SecretCipher,
} from '../../electron/core/credentials/index.js';
import {
  deriveKeys,
  INSTALLATION_KEY_CIPHER_KIND,
  installationKeyCipher,
  unwrapKeyWithPassphrase,
} from '../../electron/core/security/index.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import {
  payoutFile,
  TEST_ADMIN,
  TEST_PASSPHRASE,
  TEST_PASSWORD,
  type TestConsole,
  consolesPerTest,
} from './appHarness.js';
import {
  changesOf,
  auditOf,
  databaseBytes,
  errorLogEntries,
  errorLogText,
  submittedBatch,
  withDatabase,
} from './consoleSupport.js';

const SECRET = 'prod-secret-Zq81mXv4Tt9Lw2Ke';
const PROJECT_ID = 4211;
const CARD = '6228481234567890128';

let sandbox: RunningSandbox;
beforeAll(async () => {
  // A Gate that knows only the production project: it accepts a request only when signed with SECRET.
  sandbox = await startSandbox({ port: 0, projectId: PROJECT_ID, secretKey: SECRET });
});
afterAll(() => sandbox.close());

const open = consolesPerTest();

/** Production at the emulated Gate: the documented paths, signed with the stored credentials. */
function production(): SendingOverrides {
  return { environment: 'production', gateUrl: sandbox.url, timing: { statusDelayMs: 10_000 } };
}

async function setStored(c: TestConsole, actor = 'alice') {
  return c.ok(actor, 'setCredentials', {
    environment: 'production',
    projectId: PROJECT_ID,
    secretKey: SECRET,
  });
}

/**
 * The installation key, unwrapped from the database file with the passphrase (as anyone holding both could),
 * and the cipher it seals provider secrets with.
 */
async function installationKey(
  c: TestConsole,
  passphrase = TEST_PASSPHRASE,
): Promise<{ key: Buffer; secrets: SecretCipher }> {
  const wrapped = withDatabase(c.dbPath, (db) =>
    db.prepare(`SELECT value FROM meta WHERE key = 'key.passphrase'`).pluck().get(),
  ) as string;
  const key = await unwrapKeyWithPassphrase(Buffer.from(wrapped, 'base64'), passphrase);
  return { key, secrets: installationKeyCipher(deriveKeys(key)) };
}

/** Signs in as the command line does before anything that needs the key, without the harness's help. */
function signIn(c: TestConsole, name = 'alice', lang: 'en' | 'zh-CN' = 'en') {
  return c.runtime.app.call('signIn', { name, password: TEST_PASSWORD }, { lang, session: null });
}

function sealedBlob(c: TestConsole): Buffer {
  return withDatabase(c.dbPath, (db) =>
    db.prepare('SELECT secret_sealed FROM credentials').pluck().get(),
  ) as Buffer;
}

describe('credentialsStatus', () => {
  it('says whether credentials are stored, with who and when, and never returns the secret', async () => {
    const c = await open();
    const before = await c.ok(null, 'credentialsStatus', { environment: 'production' });
    expect(before).toEqual({ environment: 'production', stored: false });

    const set = await setStored(c);
    const after = await c.ok(null, 'credentialsStatus', { environment: 'production' });
    const inChinese = await c.ok(null, 'credentialsStatus', { environment: 'production' }, 'zh-CN');
    expect(after).toEqual({
      environment: 'production',
      stored: true,
      project_id: PROJECT_ID,
      // Sealed under the installation key, not the passphrase itself.
      cipher_kind: INSTALLATION_KEY_CIPHER_KIND,
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_by: 'alice',
    });
    expect(set).toEqual(after);
    expect(inChinese).toEqual(after);
    for (const result of [before, set, after, inChinese])
      expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('setCredentials', () => {
  it('stores the secret sealed: its bytes are neither in the database file nor in its WAL', async () => {
    const c = await open();
    await setStored(c);

    const whileOpen = databaseBytes(c.dbPath);
    expect(whileOpen).toHaveLength(2); // the commit is still in the WAL
    await c.runtime.close(); // checkpoints the WAL into the file
    const afterClose = databaseBytes(c.dbPath);

    // What is stored does open, with the installation key the passphrase unwraps, to the secret.
    const { key, secrets } = await installationKey(c);
    expect(secrets.decrypt(sealedBlob(c))).toBe(SECRET);
    const derived = deriveKeys(key);
    for (const bytes of [...whileOpen, ...afterClose]) {
      expect(bytes.includes(SECRET)).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET, 'utf16le'))).toBe(false);
      expect(bytes.includes(TEST_PASSPHRASE)).toBe(false);
      // Nor the key that opens it: the installation key is stored only wrapped, its derived keys never.
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(key.toString('hex'))).toBe(false);
      expect(bytes.includes(key.toString('base64'))).toBe(false);
      expect(bytes.includes(derived.secrets)).toBe(false);
    }
    // The scan does find what is stored in clear (the person who set them).
    expect(whileOpen.some((bytes) => bytes.includes('alice'))).toBe(true);
    expect(afterClose.some((bytes) => bytes.includes('alice'))).toBe(true);
    // The passphrase alone is no longer the secret's key.
    expect(() => passphraseCipher(TEST_PASSPHRASE).decrypt(sealedBlob(c))).toThrow(CredentialsError);
  });

  it('writes one credentials.set audit entry with the project id and cipher kind, never the secret', async () => {
    const c = await open();
    await setStored(c);
    const audit = await changesOf(c);
    expect(audit).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        actor: 'alice',
        action: 'credentials.set',
        batch_id: null,
        details: {
          environment: 'production',
          project_id: PROJECT_ID,
          cipher_kind: INSTALLATION_KEY_CIPHER_KIND,
          replaced: false,
        },
      },
    ]);
    const rows = withDatabase(c.dbPath, (db) => db.prepare('SELECT * FROM audit_log').all());
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });

  it('refuses a second set without `replace` (CREDENTIALS_ALREADY_SET) and changes nothing', async () => {
    const c = await open();
    const first = await setStored(c);
    const sealed = sealedBlob(c);

    const again = await c.call('bob', 'setCredentials', {
      environment: 'production',
      projectId: 99,
      secretKey: 'second-secret-key',
    });
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'CREDENTIALS_ALREADY_SET',
        message: 'Credentials are already stored; confirm that they should be replaced.',
      },
    });
    expect(await c.ok(null, 'credentialsStatus', { environment: 'production' })).toEqual(first);
    expect(sealedBlob(c).equals(sealed)).toBe(true);
    expect((await changesOf(c)).map((entry) => entry.action)).toEqual(['credentials.set']);
  });

  it('replaces them with `replace: true` when the installation key opens the stored ones', async () => {
    const c = await open();
    await setStored(c);
    const replaced = await c.ok('bob', 'setCredentials', {
      environment: 'production',
      projectId: 99,
      secretKey: 'second-secret-key',
      replace: true,
    });
    expect(replaced).toMatchObject({ stored: true, project_id: 99, updated_by: 'bob' });
    expect((await installationKey(c)).secrets.decrypt(sealedBlob(c))).toBe('second-secret-key');
    expect(withDatabase(c.dbPath, (db) => db.prepare('SELECT count(*) FROM credentials').pluck().get())).toBe(
      1,
    );
    const audit = await changesOf(c);
    expect(audit.map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
      ['alice', 'credentials.set', expect.objectContaining({ project_id: PROJECT_ID, replaced: false })],
      ['bob', 'credentials.set', expect.objectContaining({ project_id: 99, replaced: true })],
    ]);
  });

  it('a console opened with another passphrase cannot unlock the database (CREDENTIALS_LOCKED): nothing changes', async () => {
    const first = await open();
    await setStored(first);
    const sealed = sealedBlob(first);
    const trail = await auditOf(first);
    await first.runtime.close();

    const other = await open({
      dir: first.dir,
      keySources: {
        passphrase: async () => 'another passphrase, long enough',
        passphraseAvailable: () => true,
      },
    });
    // Nobody signs in with it: signing in is written to the audit chain, which needs the key.
    expect(await signIn(other)).toEqual({
      ok: false,
      error: {
        code: 'CREDENTIALS_LOCKED',
        message:
          'The passphrase does not unlock this database (CUP_PAYOUTS_PASSPHRASE): it is wrong, or the database was made with another one. Nothing was changed.',
      },
    });
    const zh = await signIn(other, 'alice', 'zh-CN');
    expect(zh.ok ? null : zh.error.message).toBe(
      '该口令无法解锁此数据库（CUP_PAYOUTS_PASSPHRASE）：口令错误，或数据库由其他口令创建。未做任何更改。',
    );
    // Without a session nothing can be set or deleted either.
    const result = await other.call(null, 'setCredentials', {
      environment: 'production',
      projectId: 99,
      secretKey: 'second-secret-key',
      replace: true,
    });
    expect(!result.ok && result.error.code).toBe('SIGN_IN_REQUIRED');
    expect(await other.ok(null, 'securityStatus', undefined)).toMatchObject({ key: 'locked' });
    // What was stored is as it was, and still opens with the right passphrase.
    expect(await other.ok(null, 'credentialsStatus', { environment: 'production' })).toMatchObject({
      project_id: PROJECT_ID,
      updated_by: 'alice',
    });
    expect(sealedBlob(other).equals(sealed)).toBe(true);
    expect((await installationKey(other)).secrets.decrypt(sealedBlob(other))).toBe(SECRET);
    await expect(installationKey(other, 'another passphrase, long enough')).rejects.toMatchObject({
      code: 'CREDENTIALS_LOCKED',
      params: { reason: 'wrong_passphrase' },
    });
    expect(await auditOf(other)).toEqual(trail);
    await other.runtime.close();

    // Opened again with the right one, the same people replace them.
    const again = await open({ dir: first.dir });
    expect(
      await again.ok('bob', 'setCredentials', {
        environment: 'production',
        projectId: 99,
        secretKey: 'second-secret-key',
        replace: true,
      }),
    ).toMatchObject({ project_id: 99, updated_by: 'bob' });
    expect((await installationKey(again)).secrets.decrypt(sealedBlob(again))).toBe('second-secret-key');
  });

  it('will not replace credentials the installation key cannot open (CREDENTIALS_NOT_REPLACEABLE), keeping them', async () => {
    // A database from before the installation key, whose credentials another passphrase sealed: they are
    // left as they are when the key is unlocked, and cannot be opened here.
    const first = await open();
    await first.runtime.close();
    const legacy = passphraseCipher('the passphrase of another computer').encrypt(SECRET);
    withDatabase(first.dbPath, (db) =>
      db
        .prepare(
          `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
           VALUES ('production', ?, ?, ?, '2026-01-01T00:00:00.000Z', 'alice')`,
        )
        .run(PROJECT_ID, legacy, PASSPHRASE_CIPHER_KIND),
    );

    const other = await open({ dir: first.dir });
    const result = await other.call('bob', 'setCredentials', {
      environment: 'production',
      projectId: 99,
      secretKey: 'second-secret-key',
      replace: true,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('CREDENTIALS_NOT_REPLACEABLE');
    expect(!result.ok && result.error.message).toContain('delete them first');
    expect(await other.ok(null, 'credentialsStatus', { environment: 'production' })).toMatchObject({
      project_id: PROJECT_ID,
      cipher_kind: PASSPHRASE_CIPHER_KIND,
      updated_by: 'alice',
    });
    expect(sealedBlob(other).equals(legacy)).toBe(true);
    expect(passphraseCipher('the passphrase of another computer').decrypt(sealedBlob(other))).toBe(SECRET);
    expect((await changesOf(other)).map((entry) => entry.action)).toEqual([]);

    // What the message advises works: deleting needs nothing opened, then they can be set here.
    expect(await other.ok('bob', 'deleteCredentials', { environment: 'production' })).toEqual({
      deleted: true,
    });
    await other.ok('bob', 'setCredentials', {
      environment: 'production',
      projectId: 99,
      secretKey: 'second-secret-key',
    });
    expect((await installationKey(other)).secrets.decrypt(sealedBlob(other))).toBe('second-secret-key');
    expect((await changesOf(other)).map((entry) => [entry.actor, entry.action])).toEqual([
      ['bob', 'credentials.delete'],
      ['bob', 'credentials.set'],
    ]);
  });

  it('seals credentials of an older database again under the installation key, when its passphrase sealed them', async () => {
    const first = await open();
    await first.runtime.close();
    withDatabase(first.dbPath, (db) =>
      db
        .prepare(
          `INSERT INTO credentials (environment, project_id, secret_sealed, cipher_kind, updated_at, updated_by)
           VALUES ('production', ?, ?, ?, '2026-01-01T00:00:00.000Z', 'alice')`,
        )
        .run(PROJECT_ID, passphraseCipher(TEST_PASSPHRASE).encrypt(SECRET), PASSPHRASE_CIPHER_KIND),
    );
    const c = await open({ dir: first.dir });
    expect((await signIn(c, TEST_ADMIN)).ok).toBe(true);
    expect(await c.ok(null, 'credentialsStatus', { environment: 'production' })).toMatchObject({
      project_id: PROJECT_ID,
      cipher_kind: INSTALLATION_KEY_CIPHER_KIND,
    });
    expect((await installationKey(c)).secrets.decrypt(sealedBlob(c))).toBe(SECRET);
    expect((await changesOf(c)).map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
      [
        'console',
        'credentials.protect',
        {
          environment: 'production',
          project_id: PROJECT_ID,
          from: PASSPHRASE_CIPHER_KIND,
          to: INSTALLATION_KEY_CIPHER_KIND,
        },
      ],
    ]);
    expect(JSON.stringify(await auditOf(c))).not.toContain(SECRET);
  });

  it.each([
    { case: 'project id 0', projectId: 0 as unknown, secretKey: SECRET, reason: 'project_id' },
    { case: 'project id 1.5', projectId: 1.5 as unknown, secretKey: SECRET, reason: 'project_id' },
    { case: "project id '7' (text)", projectId: '7' as unknown, secretKey: SECRET, reason: 'project_id' },
    { case: 'an empty key', projectId: PROJECT_ID as unknown, secretKey: '', reason: 'secret_empty' },
    // Shorter than redaction looks for: it could not be kept out of a log line.
    {
      case: 'a 5-character key',
      projectId: PROJECT_ID as unknown,
      secretKey: 'k3y5z',
      reason: 'secret_short',
    },
    {
      case: 'a key with a leading space',
      projectId: PROJECT_ID as unknown,
      secretKey: ` ${SECRET}`,
      reason: 'secret_whitespace',
    },
    {
      case: 'a key with a line break',
      projectId: PROJECT_ID as unknown,
      secretKey: `${SECRET}\n`,
      reason: 'secret_whitespace',
    },
  ])('refuses $case with INVALID_CREDENTIALS, in the caller’s language, storing nothing', async (example) => {
    const c = await open();
    const expected = {
      project_id: { en: 'The project id must be a positive whole number.', zh: '项目 ID 必须是正整数。' },
      secret_empty: { en: 'The secret key is empty; nothing was stored.', zh: '密钥为空；未保存任何内容。' },
      secret_whitespace: {
        en: 'The secret key starts or ends with spaces or line breaks; copy it again exactly. Nothing was stored.',
        zh: '密钥首尾含有空格或换行；请重新准确复制。未保存任何内容。',
      },
      secret_short: {
        en: 'The secret key is too short to be a project key (6 characters at least). Nothing was stored.',
        zh: '密钥太短，不像项目密钥（至少 6 个字符）。未保存任何内容。',
      },
    }[example.reason]!;
    const input = {
      environment: 'production' as const,
      projectId: example.projectId as number,
      secretKey: example.secretKey,
    };
    expect(await c.call('alice', 'setCredentials', input, 'zh-CN')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: expected.zh },
    });
    expect(await c.call('alice', 'setCredentials', input, 'en')).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: expected.en },
    });
    expect(await c.ok(null, 'credentialsStatus', { environment: 'production' })).toEqual({
      environment: 'production',
      stored: false,
    });
    expect(await changesOf(c)).toEqual([]);
  });

  it('reports PASSPHRASE_MISSING when no passphrase is set, and stores nothing', async () => {
    const first = await open();
    const trail = await auditOf(first);
    await first.runtime.close();
    // The command line without CUP_PAYOUTS_PASSPHRASE, and no terminal to ask on.
    const c = await open({
      dir: first.dir,
      keySources: { passphrase: async () => passphraseFromEnv({}), passphraseAvailable: () => false },
    });
    // The key is needed from signing in on (the sign-in is written to the chained audit trail).
    expect(await signIn(c)).toEqual({
      ok: false,
      error: {
        code: 'PASSPHRASE_MISSING',
        message:
          'Set CUP_PAYOUTS_PASSPHRASE to the passphrase that unlocks this database (or run the command on a terminal to be asked for it).',
      },
    });
    const result = await c.call(null, 'setCredentials', {
      environment: 'production',
      projectId: PROJECT_ID,
      secretKey: SECRET,
    });
    expect(!result.ok && result.error.code).toBe('SIGN_IN_REQUIRED');
    // Asking whether credentials are stored needs no passphrase.
    expect(await c.ok(null, 'credentialsStatus', { environment: 'production' })).toEqual({
      environment: 'production',
      stored: false,
    });
    expect(withDatabase(c.dbPath, (db) => db.prepare('SELECT count(*) FROM credentials').pluck().get())).toBe(
      0,
    );
    expect(await auditOf(c)).toEqual(trail);
  });
});

describe('deleteCredentials', () => {
  it('deletes them once ({deleted: true}, then {deleted: false}), with one audit entry', async () => {
    const c = await open();
    await setStored(c);
    expect(await c.ok('bob', 'deleteCredentials', { environment: 'production' })).toEqual({ deleted: true });
    expect(await c.ok(null, 'credentialsStatus', { environment: 'production' })).toEqual({
      environment: 'production',
      stored: false,
    });
    expect(withDatabase(c.dbPath, (db) => db.prepare('SELECT count(*) FROM credentials').pluck().get())).toBe(
      0,
    );
    expect(await c.ok('bob', 'deleteCredentials', { environment: 'production' })).toEqual({ deleted: false });

    const audit = await changesOf(c);
    expect(audit.map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
      ['alice', 'credentials.set', expect.any(Object)],
      ['bob', 'credentials.delete', { environment: 'production', project_id: PROJECT_ID }],
    ]);
  });
});

describe('production sending with the stored credentials', () => {
  it('a tampered sealed secret makes a production submit fail with CREDENTIALS_LOCKED', async () => {
    const c = await open({ sending: production() });
    await setStored(c);
    const { batch_id } = await c.ok('alice', 'importFile', { file: payoutFile(2, 'TAMPER') });
    const batchId = batch_id as number;
    await c.ok('bob', 'approveBatch', { batchId });

    withDatabase(c.dbPath, (db) => {
      const sealed = Buffer.from(db.prepare('SELECT secret_sealed FROM credentials').pluck().get() as Buffer);
      sealed[sealed.length - 1] = sealed[sealed.length - 1]! ^ 0x01;
      db.prepare('UPDATE credentials SET secret_sealed = ?').run(sealed);
    });

    const result = await c.call('alice', 'submitBatch', { batchId });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CREDENTIALS_LOCKED',
        message:
          'The stored credentials cannot be decrypted: they were altered in the database file, or sealed with another installation key. Set them again.',
      },
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect((await c.ok(null, 'batchStatus', { batchId })).batch_status).toBe('approved');
    expect((await auditOf(c)).map((entry) => entry.action)).not.toContain('batch.submit');
    expect(sandbox.ledger().filter((entry) => entry.payment_id.startsWith('TAMPER-'))).toEqual([]);
  });

  it('a batch follows the environment it was sent to: a production run for a sandbox batch is refused', async () => {
    const testGate = await startSandbox({ port: 0 });
    try {
      const first = await open({ sending: { gateUrl: testGate.url } });
      await setStored(first);
      const batchId = await submittedBatch(first, 'MOVED');
      expect((await first.ok(null, 'listBatches', undefined))[0]).toMatchObject({
        id: batchId,
        environment: 'sandbox',
        gate_url: testGate.url,
        project_id: 200,
      });
      await first.runtime.close();

      // The next run names production: refused before anything is sent, anywhere.
      const c = await open({ dir: first.dir, sending: production() });
      const refused = await c.runtime.sending.run({ wait: false }).then(
        () => null,
        (error: unknown) => describeKnownError(error, 'en'),
      );
      expect(refused).toMatchObject({ code: 'ENVIRONMENT_MISMATCH', kind: 'invalid' });
      expect(refused?.message).toContain(`the batch was sent to sandbox ${testGate.url} project 200`);
      expect(sandbox.ledger().filter((entry) => entry.payment_id.startsWith('MOVED-'))).toEqual([]);
      expect(testGate.ledger()).toEqual([]);
      expect((await c.ok(null, 'batchStatus', { batchId })).counts).toEqual({ queued: 3 });

      // Without naming another environment, the run follows the batch to its own Gate.
      await c.runtime.close();
      const again = await open({ dir: first.dir });
      expect(await again.runtime.sending.run({ wait: false })).toMatchObject({ sent: 3, stoppedBy: 'done' });
      expect(
        testGate
          .ledger()
          .map((entry) => entry.payment_id)
          .sort(),
      ).toEqual(['MOVED-1', 'MOVED-2', 'MOVED-3']);
    } finally {
      await testGate.close();
    }
  });

  it('signs a production batch with the stored key, which shows in no event, result or log', async () => {
    // Every refresh of the bank lists fails unexpectedly, quoting the key: the error log must cut it out.
    const access: AccessPolicy = {
      authorize(request) {
        if (request.action === 'banks.refresh')
          throw new Error(`gate rejected key ${SECRET} for card ${CARD}`);
        rolePolicy.authorize(request);
      },
    };
    const c = await open({ sending: production(), access });
    const results: unknown[] = [];
    results.push(await setStored(c));
    const imported = await c.ok('alice', 'importFile', { file: payoutFile(3, 'PROD') });
    const batchId = imported.batch_id as number;
    results.push(imported, await c.ok('bob', 'approveBatch', { batchId }));
    const submitted = await c.ok('alice', 'submitBatch', { batchId });
    expect(submitted.batch.status).toBe('sending');
    results.push(submitted);

    const summary = await c.runtime.sending.run({ wait: false });
    expect(summary).toMatchObject({ sent: 3, stoppedBy: 'done' });
    results.push(summary);

    // The Gate registered them: it accepts only requests signed with SECRET for project 4211.
    const ledger = sandbox.ledger().filter((entry) => entry.payment_id.startsWith('PROD-'));
    expect(ledger.map((entry) => entry.payment_id).sort()).toEqual(['PROD-1', 'PROD-2', 'PROD-3']);
    const submitAudit = (await auditOf(c)).find((entry) => entry.action === 'batch.submit');
    expect(submitAudit?.details).toEqual({
      environment: 'production',
      gate_url: sandbox.url,
      project_id: 4211,
    });

    const refresh = await c.call('bob', 'refreshBanks', undefined);
    expect(refresh.ok).toBe(false);
    expect(!refresh.ok && refresh.error.code).toBe('INTERNAL');
    results.push(refresh, await c.ok(null, 'batchStatus', { batchId }), await auditOf(c));

    const logged = errorLogEntries(c);
    expect(logged).toHaveLength(1);
    expect(String(logged[0]!['message'])).toBe('gate rejected key [redacted] for card 622848******0128');
    expect(c.events.some((event) => event.type === 'sending.progress')).toBe(true);
    for (const text of [JSON.stringify(c.events), JSON.stringify(results), errorLogText(c)]) {
      expect(text).not.toContain(SECRET);
    }
  });
});
