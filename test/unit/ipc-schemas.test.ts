import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, operationChannel } from '../../electron/contract/api.js';
import type { OperationInput, OperationName } from '../../electron/contract/operations.js';
import {
  checkOperationInput,
  langOf,
  LIMITS,
  OPERATION_SCHEMAS,
  type InputCheck,
} from '../../electron/contract/schemas.js';
import type { ConsoleRuntime } from '../../electron/core/app/runtime.js';

/**
 * The schema gate in front of the application layer (electron/contract/schemas.ts): every operation's valid
 * input passes, hostile payloads are refused with INVALID_INPUT naming the field (never echoing the value),
 * and neither the IPC handlers nor the browser bridge call the application layer with a refused payload.
 * Electron is replaced, as in ipc.test.ts (it cannot be loaded under Node).
 */
const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, handler),
  },
}));

const bytes = new Uint8Array([0x70, 0x61, 0x79]);
const password = 'correct horse battery staple';

/** A valid input of every operation, typed by the contract (an operation without one does not compile). */
const VALID = {
  appInfo: undefined,
  validateFile: {
    file: { name: 'payouts.csv', bytes },
    method: 'cup-quickpay',
    encoding: 'gb18030',
    map: { 姓名: 'full_name' },
    rows: 'problems',
    previewRows: 10,
    payoutDefaults: { city: '上海', email: 'ops@example.com', phone: '13800138000' },
    requestPreview: 2,
  },
  importFile: {
    file: { name: 'payouts.csv', bytes },
    map: '姓名=full_name',
    dropErrors: true,
    edits: [{ line: 3, field: 'amount_fen', value: '150.00' }],
    removeLines: [4],
    lines: [3],
  },
  listBatches: { statuses: ['draft', 'approved'], active: true },
  batchDetail: { batchId: 7, offset: 0, limit: 100, states: ['queued', 'success'], code: '3028' },
  batchStatus: { batchId: 7 },
  approveBatch: { batchId: 7 },
  rejectBatch: { batchId: 7, reason: 'Amounts do not match the invoice' },
  submitBatch: { batchId: 7 },
  pauseBatch: { batchId: 7 },
  resumeBatch: { batchId: 7 },
  cancelBatch: { batchId: 7 },
  recheckBatch: { batchId: 7 },
  shippedBanks: { method: 'cup-p2p' },
  bankTables: { methods: ['cup-p2p', 'cup-banks'] },
  fetchedBanks: undefined,
  refreshBanks: { methods: ['cup-quickpay'] },
  credentialsStatus: { environment: 'production' },
  setCredentials: { environment: 'production', projectId: 12345, secretKey: 'k3y', replace: false },
  deleteCredentials: { environment: 'production' },
  getSettings: undefined,
  changeSettings: {
    changes: {
      environment: 'production',
      production_gate_url: null,
      payout_defaults: { customer_ip: '10.0.0.1', city: null, phone: '+852 9123 4567' },
      sending: { concurrency: 4 },
      limits: { 'cup-p2p': { min_fen: 1000, max_fen: 4_500_000 } },
      family_name_field: 'last_name',
      duplicate_window_days: 0,
      pan_kind: { 'cup-banks': 'account', 'cup-p2p': null },
      session_idle_minutes: 30,
      lockout: { attempts: 5 },
      second_approver_above_fen: null,
    },
  },
  auditTrail: { batchId: 7, from: '2026-01-01', action: 'batch.', offset: 0, limit: 50 },
  verifyAudit: undefined,
  backupDatabase: { destination: '/backups/console.sqlite' },
  securityStatus: undefined,
  initialise: { admin: 'alice', password, passphrase: null },
  signIn: { name: 'alice', password },
  signOut: undefined,
  unlockSession: { password },
  currentSession: undefined,
  listUsers: undefined,
  addUser: { name: 'bob', roles: ['operator', 'approver'], password },
  disableUser: { name: 'bob' },
  enableUser: { name: 'bob' },
  setUserRoles: { name: 'bob', roles: ['approver', 'viewer'] },
  resetPassword: { name: 'bob', password },
  changePassword: { current: password, password: `${password}!` },
  setPassphrase: { passphrase: 'a long passphrase' },
  unlockKey: { passphrase: 'a long passphrase' },
  revealPayees: { batchId: 7 },
  setComputopCredentials: {
    merchantId: 'CT-1',
    hmacPassword: 'hmac pass',
    blowfishPassword: 'blowfish pass',
  },
  setDataApiCredentials: { token: 'data token', secret: 'data secret', replace: true },
  providerCredentialsStatus: undefined,
  deleteProviderCredentials: { provider: 'computop' },
  listMappingPresets: undefined,
  saveMappingPreset: { name: 'Bank A', map: { Betrag: 'amount', 姓名: 'full_name' } },
  deleteMappingPreset: { name: 'Bank A' },
  fileTemplates: undefined,
  approvalReview: { batchId: 7 },
  attentionQueue: undefined,
  exportBatchResults: { batchId: 7 },
  retryFailedPayouts: { batchId: 7, edits: [{ line: 3, field: 'bank_id', value: '2' }], leaveOut: [4] },
  payoutReport: { from: '2026-11-01', to: '2026-11-30', offset: 0, limit: 50 },
  exportReport: { batchId: 7, format: 'xlsx', encoding: 'gb18030', clearCards: false },
  reconcile: {
    file: { name: 'operations.json', bytes: new TextEncoder().encode('{"operations":[]}') },
    format: 'ecommpay-json',
    map: 'Payment ID=payment_id',
    encoding: 'auto',
    graceMinutes: 30,
  },
  reconciliationRuns: { offset: 0, limit: 20 },
  reconciliationRun: { runId: 3 },
  resolveReconciliationException: { exceptionId: 9, note: 'Confirmed with the provider: refunded' },
} satisfies { [K in OperationName]: OperationInput<K> };

/** Other valid forms the application layer accepts. */
const ALSO_VALID: Array<[string, OperationName, () => unknown]> = [
  ['no input', 'listBatches', () => undefined],
  ['an empty object', 'listBatches', () => ({})],
  ['no input', 'auditTrail', () => undefined],
  [
    'null to take a method back to its default limits',
    'changeSettings',
    () => ({ changes: { limits: { 'cup-p2p': null } } }),
  ],
  ['roles as text', 'addUser', () => ({ name: 'carol', roles: 'viewer,approver', password })],
  [
    'a file of exactly 200 MB',
    'validateFile',
    () => ({ file: { name: 'big.csv', bytes: new Uint8Array(LIMITS.fileBytes) } }),
  ],
  [
    'the largest id and the longest reason',
    'rejectBatch',
    () => ({ batchId: Number.MAX_SAFE_INTEGER, reason: 'x'.repeat(LIMITS.text) }),
  ],
];

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Payloads that must be refused, and the field the message must name. */
const HOSTILE: Array<[string, OperationName, () => unknown, string]> = [
  ['a string id', 'batchStatus', () => ({ batchId: '7' }), 'batchId'],
  ['NaN', 'approveBatch', () => ({ batchId: Number.NaN }), 'batchId'],
  ['Infinity', 'submitBatch', () => ({ batchId: Number.POSITIVE_INFINITY }), 'batchId'],
  ['a negative id', 'cancelBatch', () => ({ batchId: -1 }), 'batchId'],
  ['id 0', 'pauseBatch', () => ({ batchId: 0 }), 'batchId'],
  ['a fraction', 'resumeBatch', () => ({ batchId: 1.5 }), 'batchId'],
  ['an unsafe integer', 'recheckBatch', () => ({ batchId: 2 ** 53 }), 'batchId'],
  ['a negative offset', 'batchDetail', () => ({ batchId: 1, offset: -5 }), 'offset'],
  ['a missing id', 'batchStatus', () => ({}), 'batchId'],
  ['an array for the input', 'batchStatus', () => [7], 'input'],
  ['a string for the input', 'approveBatch', () => '{"batchId":7}', 'input'],
  ['null for the input', 'rejectBatch', () => null, 'input'],
  ['an array for a nested object', 'validateFile', () => ({ file: [bytes] }), 'file'],
  ['an extra field', 'approveBatch', () => ({ batchId: 7, approvedBy: 'mallory' }), 'approvedBy'],
  [
    'a nested extra field',
    'validateFile',
    () => ({ file: { name: 'a.csv', bytes, path: '/etc/passwd' } }),
    'file',
  ],
  [
    'a deeply nested extra field',
    'changeSettings',
    () => ({ changes: { sending: { concurrency: 8, debug: true } } }),
    'changes.sending',
  ],
  [
    'an own __proto__ key',
    'batchStatus',
    () => JSON.parse('{"batchId": 7, "__proto__": {"x": 1}}'),
    '__proto__',
  ],
  [
    'a nested own __proto__ key',
    'validateFile',
    () => ({ file: JSON.parse('{"name": "a.csv", "__proto__": {"admin": true}}') }),
    '__proto__',
  ],
  [
    'a __proto__ key in a mapping (a record would drop it silently)',
    'validateFile',
    () => ({ file: { name: 'a.csv', bytes }, map: JSON.parse('{"__proto__": "amount"}') }),
    '__proto__',
  ],
  [
    'a constructor key',
    'changeSettings',
    () => ({ changes: { constructor: { prototype: {} } } }),
    'constructor',
  ],
  ['a prototype key', 'listBatches', () => JSON.parse('{"prototype": {"x": 1}}'), 'prototype'],
  ['a 10 MB reason', 'rejectBatch', () => ({ batchId: 7, reason: TEN_MB }), 'reason'],
  ['a 10 MB file name', 'importFile', () => ({ file: { name: TEN_MB, bytes } }), 'file.name'],
  ['a 10 MB destination', 'backupDatabase', () => ({ destination: TEN_MB }), 'destination'],
  [
    'bytes over 200 MB',
    'validateFile',
    () => ({ file: { name: 'a.csv', bytes: new Uint8Array(LIMITS.fileBytes + 1) } }),
    'file.bytes',
  ],
  ['bytes as text', 'validateFile', () => ({ file: { name: 'a.csv', bytes: 'cGF5' } }), 'file.bytes'],
  [
    'bytes as a list of numbers',
    'validateFile',
    () => ({ file: { name: 'a.csv', bytes: [1, 2] } }),
    'file.bytes',
  ],
  ['an unknown method', 'shippedBanks', () => ({ method: 'visa' }), 'method'],
  [
    'an unknown encoding',
    'validateFile',
    () => ({ file: { name: 'a', bytes }, encoding: 'latin1' }),
    'encoding',
  ],
  ['an unknown status in a list', 'listBatches', () => ({ statuses: ['draft', 'deleted'] }), 'statuses[1]'],
  ['a string where a list is expected', 'listBatches', () => ({ statuses: 'draft' }), 'statuses'],
  ['a list too long', 'bankTables', () => ({ methods: Array(1000).fill('cup-p2p') }), 'methods'],
  ['another environment', 'deleteCredentials', () => ({ environment: 'sandbox' }), 'environment'],
  [
    'an extra field on an import',
    'importFile',
    () => ({ file: { name: 'a', bytes }, overwrite: true }),
    'overwrite',
  ],
  [
    'a boolean as text',
    'importFile',
    () => ({ file: { name: 'a', bytes }, dropErrors: 'yes' }),
    'dropErrors',
  ],
  ['input to an operation that takes none', 'appInfo', () => ({ debug: true }), 'input'],
  [
    'an unknown method in per-method settings',
    'changeSettings',
    () => ({ changes: { pan_kind: { visa: 'card' } } }),
    'pan_kind',
  ],
  ['a Map', 'listBatches', () => new Map([['active', true]]), 'input'],
  ['an unknown role', 'setUserRoles', () => ({ name: 'bob', roles: ['root'] }), 'roles'],
  ['a Date', 'auditTrail', () => ({ from: new Date() }), 'from'],
  [
    'deep nesting',
    'changeSettings',
    () => {
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 100_000; i++) deep = { payout_defaults: deep };
      return { changes: deep };
    },
    'payout_defaults',
  ],
];

function refused(check: InputCheck): { code: string; message: string } {
  if (check.ok) throw new Error('expected a refusal');
  return check.error;
}

describe('operation schemas', () => {
  it('has exactly one schema per operation of the contract', () => {
    expect(Object.keys(OPERATION_SCHEMAS).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each(OPERATION_NAMES.map((name) => [name]))('%s: a valid input passes, as a checked copy', (name) => {
    const input = VALID[name];
    const check = checkOperationInput(name, input);
    expect(check).toEqual({ ok: true, value: input });
  });

  it.each(ALSO_VALID)('accepts %s (%s)', (_what, name, input) => {
    expect(checkOperationInput(name, input()).ok).toBe(true);
  });

  it.each(HOSTILE)('refuses %s (%s), naming %s', (_what, name, payload, field) => {
    const error = refused(checkOperationInput(name, payload()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(field);
    expect(error.message.length).toBeLessThanOrEqual(300);
    expect(error.message).not.toContain('xxxxxxxxxx');
  });

  it('never reads an accessor (a getter would run code) and refuses it', () => {
    const getter = vi.fn(() => 7);
    const input = Object.defineProperty({}, 'batchId', { get: getter, enumerable: true });
    expect(refused(checkOperationInput('batchStatus', input)).message).toContain('batchId');
    expect(getter).not.toHaveBeenCalled();
  });

  it('names the field and what was expected, in English or Chinese, never the value', () => {
    const secret = 'sk_live_DO_NOT_ECHO';
    const input = { environment: 'production', projectId: secret, secretKey: secret };
    const en = refused(checkOperationInput('setCredentials', input, 'en'));
    expect(en.message).toBe('Invalid projectId: expected a positive whole number.');
    const zh = refused(checkOperationInput('setCredentials', input, 'zh-CN'));
    expect(zh.message).toBe('projectId 无效：应为正整数。');
    expect(
      refused(checkOperationInput('setCredentials', { ...input, projectId: 1, secretKey: 7 })).message,
    ).toBe('Invalid secretKey: expected text of at most 4096 characters.');
    for (const { message } of [en, zh]) expect(message).not.toContain(secret);
    expect(refused(checkOperationInput('rejectBatch', { reason: 'x' }, 'zh-CN')).message).toBe(
      '缺少 batchId：应为正整数。',
    );
    expect(refused(checkOperationInput('shippedBanks', { method: 'visa' })).message).toBe(
      'Invalid method: expected one of cup-p2p, cup-quickpay, cup-banks.',
    );
    expect(refused(checkOperationInput('approveBatch', { batchId: 1, 'by\u202ewho': 1 })).message).toBe(
      'Invalid input: unknown field (a field with an unusual name).',
    );
  });

  it('says how many other problems there are, within 300 characters', () => {
    const input = { batchId: -1, offset: 'a', limit: 'b', states: 'c', code: 5, x: 1 };
    const { message } = refused(checkOperationInput('batchDetail', input));
    expect(message).toMatch(/^Invalid .+ \(\d+ more problems\)$/);
    expect(message.length).toBeLessThanOrEqual(300);
  });

  it('knows no operation outside the contract, not even Object’s own names', () => {
    for (const name of ['launchMissiles', '__proto__', 'constructor', 'toString'])
      expect(refused(checkOperationInput(name, undefined)).code).toBe('INVALID_INPUT');
  });

  it('checks the bridge’s form of file bytes: {"$bytes": base64}, not a Uint8Array', () => {
    const bridgeFile = { file: { name: 'a.csv', bytes: { $bytes: 'cGF5' } } };
    expect(checkOperationInput('validateFile', bridgeFile, 'en', 'bridge')).toEqual({
      ok: true,
      value: bridgeFile,
    });
    expect(checkOperationInput('validateFile', bridgeFile, 'en', 'ipc').ok).toBe(false);
    expect(checkOperationInput('importFile', { file: { name: 'a', bytes } }, 'en', 'bridge').ok).toBe(false);
    for (const wrong of [{ $bytes: 'not base64!' }, { $bytes: 'cGF5', more: 1 }, { $bytes: 5 }])
      expect(
        refused(checkOperationInput('importFile', { file: { name: 'a', bytes: wrong } }, 'en', 'bridge'))
          .message,
      ).toContain('file.bytes');
    // The other operations are the same in both transports.
    expect(checkOperationInput('batchStatus', { batchId: 7 }, 'en', 'bridge').ok).toBe(true);
  });

  it('takes the language argument as en or zh-CN, anything else as en', () => {
    expect(langOf('zh-CN')).toBe('zh-CN');
    expect(langOf('en')).toBe('en');
    for (const other of ['fr', 'zh', undefined, null, 5, { lang: 'zh-CN' }]) expect(langOf(other)).toBe('en');
  });
});

const APP_URL = 'file:///app/renderer/index.html';
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('IPC handlers behind the schema gate', () => {
  const callByName = vi.fn(async (_name: string, _input: unknown, _caller: unknown) => ({
    ok: true,
    value: 'ran',
  }));
  const runtime = { app: { callByName } } as unknown as ConsoleRuntime;
  const handler = (name: OperationName) => {
    const found = electron.handlers.get(operationChannel(name));
    if (!found) throw new Error(`no handler for ${name}`);
    return found;
  };

  beforeEach(async () => {
    electron.handlers.clear();
    callByName.mockClear();
    const { registerIpcHandlers } = await import('../../electron/main/ipc.js');
    registerIpcHandlers(runtime, (url) => url === APP_URL);
  });

  it('refuses a hostile payload on every channel with INVALID_INPUT, without calling the application layer', async () => {
    for (const name of OPERATION_NAMES) {
      const hostile = JSON.parse('{"__proto__": {"isAdmin": true}, "batchId": 1}');
      expect(await handler(name)(frame(APP_URL), hostile, 'en')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    for (const [, name, payload] of HOSTILE)
      expect(await handler(name)(frame(APP_URL), payload(), 'en')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    expect(callByName).not.toHaveBeenCalled();
  });

  it('answers a refusal in the window’s language', async () => {
    const result = await handler('batchStatus')(frame(APP_URL), { batchId: 'seven' }, 'zh-CN');
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'batchId 无效：应为正整数。' },
    });
  });

  it('passes a valid payload on, checked, with the caller in the window’s language', async () => {
    const result = await handler('validateFile')(frame(APP_URL), VALID.validateFile, 'zh-CN');
    expect(result).toEqual({ ok: true, value: 'ran' });
    expect(callByName).toHaveBeenCalledTimes(1);
    const [name, input, caller] = callByName.mock.calls[0]!;
    expect(name).toBe('validateFile');
    expect(input).toEqual(VALID.validateFile);
    expect((input as typeof VALID.validateFile).file.bytes).toBe(bytes);
    expect(caller).toEqual({ lang: 'zh-CN', session: null });
    await handler('appInfo')(frame(APP_URL), undefined, 'de');
    expect(callByName.mock.calls[1]).toEqual(['appInfo', undefined, { lang: 'en', session: null }]);
  });

  it('refuses an iframe, another page and a frame that is gone before looking at the payload', async () => {
    const iframe = frame(APP_URL, { url: APP_URL });
    for (const event of [
      iframe,
      frame('https://evil.example/'),
      frame(`${APP_URL}.evil`),
      { senderFrame: null },
    ]) {
      for (const payload of [{ batchId: 1 }, JSON.parse('{"__proto__": {}}')])
        expect(await handler('approveBatch')(event, payload, 'en')).toMatchObject({
          ok: false,
          error: { code: 'IPC_FORBIDDEN' },
        });
    }
    expect(callByName).not.toHaveBeenCalled();
  });
});

describe('browser bridge behind the schema gate', () => {
  const callByName = vi.fn(async (_name: string, _input: unknown, _caller: unknown) => ({
    ok: true,
    value: 'ran',
  }));
  const runtime = {
    app: { callByName },
    events: { subscribe: () => () => undefined },
    errors: { record: () => 'ref' },
  } as unknown as ConsoleRuntime;
  let dir: string;
  let bridge: { url: string; token: string; close(): Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-schemas-'));
    const { startBridge } = await import('../../electron/browser/bridge.js');
    bridge = await startBridge({ rendererDir: dir, runtime });
  });
  afterAll(async () => {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => callByName.mockClear());

  const call = async (name: string, body: string) => {
    const origin = bridge.url.replace(/\/$/, '');
    const response = await fetch(`${origin}/__bridge/op/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': bridge.token, origin },
      body,
    });
    return {
      status: response.status,
      body: response.headers.get('content-type')?.includes('json')
        ? ((await response.json()) as unknown)
        : await response.text(),
    };
  };

  it('refuses hostile payloads with an INVALID_INPUT Result, without calling the application layer', async () => {
    for (const [name, body] of [
      ['batchStatus', '{"input": {"batchId": 1, "__proto__": {"x": 1}}, "lang": "en"}'],
      ['batchStatus', '{"input": {"batchId": -1}}'],
      ['validateFile', '{"input": {"file": {"name": "a.csv", "bytes": {"$bytes": "cGF5", "x": 1}}}}'],
      ['approveBatch', '{"input": [1]}'],
    ] as const) {
      expect(await call(name, body)).toMatchObject({
        status: 200,
        body: { ok: false, error: { code: 'INVALID_INPUT' } },
      });
    }
    expect((await call('batchStatus', '{"input": {"batchId": "1"}, "lang": "zh-CN"}')).body).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'batchId 无效：应为正整数。' },
    });
    expect((await call('batchStatus', 'null')).status).toBe(400);
    expect(callByName).not.toHaveBeenCalled();
  });

  it('decodes checked file bytes and passes them on', async () => {
    const body = JSON.stringify({
      input: { file: { name: 'a.csv', bytes: { $bytes: 'cGF5' } } },
      lang: 'zh-CN',
    });
    expect((await call('validateFile', body)).body).toEqual({ ok: true, value: 'ran' });
    expect(callByName).toHaveBeenCalledWith(
      'validateFile',
      { file: { name: 'a.csv', bytes: new Uint8Array([0x70, 0x61, 0x79]) } },
      { lang: 'zh-CN', session: null },
    );
    const [, input] = callByName.mock.calls[0]!;
    expect((input as { file: { bytes: unknown } }).file.bytes).toBeInstanceOf(Uint8Array);
  });
});
