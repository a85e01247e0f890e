/**
 * A whole workflow through the desktop app's transport (the real IPC handlers over a real console, real HTTP
 * to an emulated production Gate that accepts only requests signed with the project's secret key), with
 * every IPC response, event, log line, audit entry, backup and error message run through one detector: the
 * secret key, the passphrase, the passwords and the payees' clear card numbers, ID numbers and phones must
 * appear nowhere, except in the one answer an admin asked for in clear.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationChannel } from '../../electron/contract/api.js';
import type { ConsoleEvent } from '../../electron/contract/events.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { withIdCheckCharacter, withLuhnDigit } from '../fixtures/payoutFile.js';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, handler),
  },
}));

const APP_URL = 'file:///app/renderer/index.html';
const SECRET_KEY = 'leak-detector-secret-9Vb27QxLm';
const PROJECT_ID = 5123;
const PASSPHRASE = 'leak detector passphrase';
const PASSWORDS = { admin: 'root desk pass 31', alice: 'first desk pass 32', bob: 'second desk pass 33' };

const PAYEES = Array.from({ length: 4 }, (_, i) => ({
  card: withLuhnDigit(`62284899${String(51013 + i * 911).padStart(10, '0')}`),
  id: withIdCheckCharacter(`3101151985060${String(210 + i).padStart(4, '0')}`),
  phone: `1360021${String(4400 + i).padStart(4, '0')}`,
}));

function payoutFile(prefix: string, payees = PAYEES) {
  const lines = [
    'payment_id,amount,card_number,bank_id,region_id,last_name,first_name,id_number,phone,email,branch,bank_city,street,zip,description',
    ...payees.map(
      (p, i) =>
        `${prefix}-${i + 1},${120 + i}.00,${p.card},1,5,李,娜,${p.id},${p.phone},li.na@example.com,浦东支行,上海,世纪大道100号,200120,劳务费`,
    ),
  ];
  return { name: `${prefix}.csv`, bytes: new TextEncoder().encode(lines.join('\n') + '\n') };
}

/** Payees whose data is wrong (check digits, lengths): their error messages must not quote it in clear. */
const BAD_PAYEES = [
  {
    card: `${PAYEES[0]!.card.slice(0, -1)}${(Number(PAYEES[0]!.card.slice(-1)) + 1) % 10}`,
    id: `${PAYEES[1]!.id.slice(0, -1)}${PAYEES[1]!.id.endsWith('1') ? '2' : '1'}`,
    phone: '1360021999',
  },
  { card: '6228489900001234', id: '310115198506', phone: '+86 136 0021 77' },
];

/** Everything that must never show: secrets, and the payees' data in clear. */
const FORBIDDEN = [
  SECRET_KEY,
  PASSPHRASE,
  ...Object.values(PASSWORDS),
  ...[...PAYEES, ...BAD_PAYEES].flatMap((p) => [p.card, p.id, p.phone]),
];

function leaksIn(text: string): string[] {
  return FORBIDDEN.filter((secret) => text.includes(secret));
}

let sandbox: RunningSandbox;
let runtime: ConsoleRuntime;
let dir: string;
const responses: Array<{ name: string; text: string }> = [];
const events: ConsoleEvent[] = [];
let revealed = '';

function windowOf(id: number) {
  const sender = { id, once: () => undefined };
  return async (name: string, input?: unknown, lang = 'en') => {
    const handler = electron.handlers.get(operationChannel(name as never))!;
    const answer = (await handler({ senderFrame: { url: APP_URL, parent: null }, sender }, input, lang)) as {
      ok: boolean;
      value?: Record<string, unknown>;
      error?: { code: string; message: string };
    };
    const text = JSON.stringify(answer);
    if (name === 'revealPayees') revealed = text;
    else responses.push({ name, text });
    return answer;
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, projectId: PROJECT_ID, secretKey: SECRET_KEY, finalAfterMs: 50 });
  dir = mkdtempSync(join(tmpdir(), 'cup-leaks-'));
  runtime = await openConsole({
    databasePath: join(dir, 'console.sqlite'),
    version: 'test',
    logDir: join(dir, 'logs'),
    keySources: { passphrase: async () => PASSPHRASE, passphraseAvailable: () => true },
    // Production's shortest status delay (the provider's rule), so the run takes its ten seconds.
    sending: {
      timeoutMs: 2000,
      timing: { statusDelayMs: 10_000, pollInitialMs: 200, pollMaxMs: 1000, notFoundGraceMs: 2000 },
    },
  });
  runtime.events.subscribe((event) => events.push(event));
  const { registerIpcHandlers } = await import('../../electron/main/ipc.js');
  registerIpcHandlers(runtime, (url) => url === APP_URL);

  const admin = windowOf(1);
  const alice = windowOf(2);
  const bob = windowOf(3);
  const ok = (answer: { ok: boolean; error?: unknown }) => {
    expect(answer.error).toBeUndefined();
    return answer;
  };

  ok(await admin('initialise', { admin: 'admin', password: PASSWORDS.admin, passphrase: PASSPHRASE }));
  ok(await admin('signIn', { name: 'admin', password: PASSWORDS.admin }));
  ok(await admin('addUser', { name: 'alice', roles: ['operator'], password: PASSWORDS.alice }));
  ok(await admin('addUser', { name: 'bob', roles: ['approver'], password: PASSWORDS.bob }));
  ok(
    await admin('setCredentials', {
      environment: 'production',
      projectId: PROJECT_ID,
      secretKey: SECRET_KEY,
    }),
  );
  ok(
    await admin('changeSettings', {
      changes: { environment: 'production', production_gate_url: sandbox.url },
    }),
  );
  // Failures on the way: each answer's message is checked too.
  await admin('setCredentials', { environment: 'production', projectId: PROJECT_ID, secretKey: SECRET_KEY });
  await admin('setCredentials', {
    environment: 'production',
    projectId: PROJECT_ID,
    secretKey: ` ${SECRET_KEY}`,
  });
  await alice('signIn', { name: 'alice', password: PASSWORDS.bob });

  ok(await alice('signIn', { name: 'alice', password: PASSWORDS.alice }));
  await alice('validateFile', { file: payoutFile('CHECK') });
  await alice('validateFile', { file: payoutFile('CHECK'), requestPreview: 2 });
  const bad = await alice('validateFile', { file: payoutFile('BAD', BAD_PAYEES) });
  expect(JSON.stringify(bad)).toMatch(/CARD_|DOC_NUMBER|PHONE/);
  await alice('importFile', { file: payoutFile('BAD', BAD_PAYEES) });
  const imported = ok(await alice('importFile', { file: payoutFile('LEAK') }));
  const batchId = (imported as unknown as { value: { batch_id: number } }).value.batch_id;
  // The same cards again: the duplicate warning names them, masked.
  await alice('validateFile', { file: payoutFile('AGAIN') });
  await alice('approveBatch', { batchId });
  ok(await bob('signIn', { name: 'bob', password: PASSWORDS.bob }));
  ok(await bob('approveBatch', { batchId }));
  ok(await alice('submitBatch', { batchId }));
  await runtime.sending.run({ wait: true });
  await alice('batchDetail', { batchId });
  await alice('batchStatus', { batchId });
  await alice('listBatches');
  await alice('credentialsStatus', { environment: 'production' });
  await admin('auditTrail', {});
  await admin('verifyAudit');
  await admin('getSettings');
  ok(await admin('backupDatabase', { destination: join(dir, 'backup.sqlite') }));
  await admin('revealPayees', { batchId });
});

afterAll(async () => {
  await runtime?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('no secret and no clear payee data leaves the main process', () => {
  it('the workflow really ran: paid in production, signed with the stored key', async () => {
    expect(sandbox.ledger().filter((entry) => entry.payment_id.startsWith('LEAK-'))).toHaveLength(
      PAYEES.length,
    );
    const status = responses.filter((r) => r.name === 'batchStatus').at(-1)!;
    expect(JSON.parse(status.text).value.batch_status).toBe('completed');
  });

  it('in no IPC response, success or failure', () => {
    expect(responses.length).toBeGreaterThan(25);
    const failures = responses.filter((r) => r.text.startsWith('{"ok":false'));
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const response of responses) expect(leaksIn(response.text), response.name).toEqual([]);
  });

  it('in no event', () => {
    expect(events.length).toBeGreaterThan(5);
    expect(leaksIn(JSON.stringify(events))).toEqual([]);
  });

  it('in no log line', () => {
    const logDir = join(dir, 'logs');
    const logs = existsSync(logDir)
      ? readdirSync(logDir)
          .map((f) => readFileSync(join(logDir, f), 'utf8'))
          .join('\n')
      : '';
    expect(leaksIn(logs)).toEqual([]);
  });

  it('in neither the database file, its log, nor the backup', () => {
    for (const file of ['console.sqlite', 'console.sqlite-wal', 'backup.sqlite']) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      expect(leaksIn(readFileSync(path).toString('latin1')), file).toEqual([]);
    }
  });

  it('only the admin’s own request for clear data answers it, and the audit trail records that', () => {
    for (const payee of PAYEES) expect(revealed).toContain(payee.card);
    const secrets = [SECRET_KEY, PASSPHRASE, ...Object.values(PASSWORDS)];
    expect(secrets.filter((secret) => revealed.includes(secret))).toEqual([]);
    const audit = responses.find((r) => r.name === 'auditTrail')!;
    expect(audit.text).toContain('credentials.set');
  });
});
