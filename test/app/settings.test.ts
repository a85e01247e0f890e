/**
 * The console's settings through the application layer: defaults, changes (persisted, audited, checked),
 * the environment lock while batches are being sent, the command line's KEY VALUE parser, and appInfo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsChanges } from '../../electron/contract/operations.js';
import type { Settings } from '../../electron/contract/records.js';
import { AppError } from '../../electron/core/app/errors.js';
import { settingFromText } from '../../electron/core/app/settingsModel.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { auditOf, changesOf, submittedBatch, withDatabase } from './consoleSupport.js';

/** The defaults, written out: a change to them must be deliberate. */
const DEFAULTS: Settings = {
  environment: 'sandbox',
  production_gate_url: null,
  payout_defaults: {
    customer_ip: '127.0.0.1',
    city: null,
    zip: null,
    street: null,
    email: null,
    description: null,
    phone: null,
  },
  sending: { concurrency: 8, requests_per_second: 0, timeout_ms: 30_000 },
  limits: {},
  // resources/reference/methods.json
  provider_limits: {
    'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 },
    'cup-quickpay': { min_fen: 1_000, max_fen: 4_499_900 },
    'cup-banks': { min_fen: 10_000, max_fen: 4_999_900 },
  },
  family_name_field: 'first_name',
  duplicate_window_days: 30,
  pan_kind: {},
  session_idle_minutes: 15,
  lockout: { attempts: 5, minutes: 15 },
  second_approver_above_fen: null,
};

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const open = consolesPerTest();

function storedSettingsRows(c: TestConsole): number {
  return withDatabase(c.dbPath, (db) => db.prepare('SELECT count(*) FROM settings').pluck().get()) as number;
}

describe('getSettings and changeSettings', () => {
  it('gives the defaults on a new database', async () => {
    const c = await open();
    expect(await c.ok(null, 'getSettings', undefined)).toEqual(DEFAULTS);
  });

  it('persists a change across a restart and writes one settings.change entry with what changed', async () => {
    const c = await open();
    const changed = await c.ok('alice', 'changeSettings', {
      changes: {
        environment: 'production',
        payout_defaults: { city: ' 上海 ', email: 'ops@example.com' },
        sending: { concurrency: 4 },
        limits: { 'cup-quickpay': { min_fen: 2_000, max_fen: 1_000_000 } },
      },
    });
    const expected: Settings = {
      ...DEFAULTS,
      environment: 'production',
      payout_defaults: { ...DEFAULTS.payout_defaults, city: '上海', email: 'ops@example.com' },
      sending: { ...DEFAULTS.sending, concurrency: 4 },
      limits: { 'cup-quickpay': { min_fen: 2_000, max_fen: 1_000_000 } },
    };
    expect(changed).toEqual(expected);

    const audit = await changesOf(c);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'alice', action: 'settings.change', batch_id: null });
    // The top-level values that changed, whole; production_gate_url did not change and is not named.
    expect(audit[0]!.details).toEqual({
      changed: {
        environment: 'production',
        payout_defaults: expected.payout_defaults,
        sending: expected.sending,
        limits: expected.limits,
      },
    });

    await c.runtime.close();
    const again = await open({ dir: c.dir });
    expect(await again.ok(null, 'getSettings', undefined)).toEqual(expected);
  });

  it('writes nothing, and no audit entry, when the values asked for are today’s', async () => {
    const c = await open();
    for (const changes of [{}, { environment: 'sandbox' as const }, { sending: { concurrency: 8 } }]) {
      expect(await c.ok('alice', 'changeSettings', { changes })).toEqual(DEFAULTS);
    }
    expect(await changesOf(c)).toEqual([]);
  });

  it('accepts the edges of each range', async () => {
    const c = await open();
    const settings = await c.ok('alice', 'changeSettings', {
      changes: {
        sending: { concurrency: 64, timeout_ms: 1_000, requests_per_second: 1_000 },
        payout_defaults: { customer_ip: '2001:db8::1' },
        // The documented limits are the widest own limits can be.
        limits: { 'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 } },
      },
    });
    expect(settings.sending).toEqual({ concurrency: 64, timeout_ms: 1_000, requests_per_second: 1_000 });
    expect(settings.payout_defaults.customer_ip).toBe('2001:db8::1');
    expect(settings.limits).toEqual({ 'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 } });

    const low = await c.ok('alice', 'changeSettings', {
      changes: {
        session_idle_minutes: 1,
        lockout: { attempts: 3, minutes: 1 },
        second_approver_above_fen: 0,
      },
    });
    expect(low).toMatchObject({
      session_idle_minutes: 1,
      lockout: { attempts: 3, minutes: 1 },
      second_approver_above_fen: 0,
    });
    const high = await c.ok('alice', 'changeSettings', {
      changes: { session_idle_minutes: 480, lockout: { attempts: 20 }, second_approver_above_fen: null },
    });
    // A partial lockout change keeps the other field.
    expect(high).toMatchObject({
      session_idle_minutes: 480,
      lockout: { attempts: 20, minutes: 1 },
      second_approver_above_fen: null,
    });
  });

  it('the access settings persist and are audited like any other', async () => {
    const c = await open();
    await c.ok('alice', 'changeSettings', {
      changes: { session_idle_minutes: 30, lockout: { minutes: 60 }, second_approver_above_fen: 1_000_000 },
    });
    const audit = await changesOf(c);
    expect(audit.map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
      [
        'alice',
        'settings.change',
        {
          changed: {
            session_idle_minutes: 30,
            lockout: { attempts: 5, minutes: 60 },
            second_approver_above_fen: 1_000_000,
          },
        },
      ],
    ]);
    await c.runtime.close();
    const again = await open({ dir: c.dir });
    expect(await again.ok(null, 'getSettings', undefined)).toEqual({
      ...DEFAULTS,
      session_idle_minutes: 30,
      lockout: { attempts: 5, minutes: 60 },
      second_approver_above_fen: 1_000_000,
    });
  });

  it('only an admin changes settings (ROLE_REQUIRED), and a refusal changes nothing', async () => {
    const c = await open();
    await c.ok(TEST_ADMIN, 'addUser', {
      name: 'olga',
      roles: ['operator', 'approver'],
      password: TEST_PASSWORD,
    });
    const result = await c.call('olga', 'changeSettings', { changes: { environment: 'production' } });
    expect(!result.ok && result.error.code).toBe('ROLE_REQUIRED');
    const anonymous = await c.call(null, 'changeSettings', { changes: { environment: 'production' } });
    expect(!anonymous.ok && anonymous.error.code).toBe('SIGN_IN_REQUIRED');
    expect(await c.ok(null, 'getSettings', undefined)).toEqual(DEFAULTS);
    expect(storedSettingsRows(c)).toBe(0);
    expect(await changesOf(c)).toEqual([]);
  });

  const INVALID: Array<{ rule: string; changes: unknown; key: string }> = [
    { rule: 'an unknown environment', changes: { environment: 'staging' }, key: 'environment' },
    {
      rule: 'a gate URL that is not http(s)',
      changes: { production_gate_url: 'ftp://gate.example.com' },
      key: 'production_gate_url',
    },
    {
      rule: 'a gate URL that is no URL',
      changes: { production_gate_url: 'gate.example.com' },
      key: 'production_gate_url',
    },
    {
      rule: 'a customer IP that is no IP',
      changes: { payout_defaults: { customer_ip: 'localhost' } },
      key: 'payout_defaults.customer_ip',
    },
    {
      rule: 'an email without a domain',
      changes: { payout_defaults: { email: 'ops@' } },
      key: 'payout_defaults.email',
    },
    {
      rule: 'an unknown payout default',
      changes: { payout_defaults: { country: 'CN' } },
      key: 'payout_defaults.country',
    },
    { rule: 'concurrency 0', changes: { sending: { concurrency: 0 } }, key: 'sending.concurrency' },
    { rule: 'concurrency 65', changes: { sending: { concurrency: 65 } }, key: 'sending.concurrency' },
    { rule: 'a timeout below 1000 ms', changes: { sending: { timeout_ms: 999 } }, key: 'sending.timeout_ms' },
    { rule: 'an unknown sending setting', changes: { sending: { speed: 3 } }, key: 'sending.speed' },
    { rule: 'an unknown key', changes: { colour: 'blue' }, key: 'colour' },
    {
      rule: 'limits for an unknown method',
      changes: { limits: { visa: { min_fen: 1, max_fen: 2 } } },
      key: 'limits.visa',
    },
    {
      rule: 'a minimum above the maximum',
      changes: { limits: { 'cup-p2p': { min_fen: 5_000, max_fen: 4_999 } } },
      key: 'limits.cup-p2p.max_fen',
    },
    { rule: 'an idle time of 0 minutes', changes: { session_idle_minutes: 0 }, key: 'session_idle_minutes' },
    {
      rule: 'an idle time above 8 hours',
      changes: { session_idle_minutes: 481 },
      key: 'session_idle_minutes',
    },
    { rule: 'a lockout after 2 attempts', changes: { lockout: { attempts: 2 } }, key: 'lockout.attempts' },
    { rule: 'a lockout of 0 minutes', changes: { lockout: { minutes: 0 } }, key: 'lockout.minutes' },
    { rule: 'an unknown lockout setting', changes: { lockout: { forever: true } }, key: 'lockout.forever' },
    {
      rule: 'a negative second-approver total',
      changes: { second_approver_above_fen: -1 },
      key: 'second_approver_above_fen',
    },
    {
      rule: 'a second-approver total in yuan text',
      changes: { second_approver_above_fen: '100.00' },
      key: 'second_approver_above_fen',
    },
    {
      rule: 'one bad value among good ones',
      changes: { environment: 'production', sending: { concurrency: 8, timeout_ms: 10 } },
      key: 'sending.timeout_ms',
    },
  ];

  it.each(INVALID)('refuses $rule with SETTING_INVALID and stores nothing', async ({ changes, key }) => {
    const c = await open();
    const result = await c.call('alice', 'changeSettings', { changes: changes as SettingsChanges });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('SETTING_INVALID');
    expect(!result.ok && result.error.message).toMatch(new RegExp(`^Setting ${key} must be `));
    expect(await c.ok(null, 'getSettings', undefined)).toEqual(DEFAULTS);
    expect(storedSettingsRows(c)).toBe(0);
    expect(await changesOf(c)).toEqual([]);
  });

  it('says which setting is wrong in the caller’s language', async () => {
    const c = await open();
    const result = await c.call(
      'alice',
      'changeSettings',
      { changes: { sending: { concurrency: 0 } } },
      'zh-CN',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('SETTING_INVALID');
    expect(!result.ok && result.error.message).toMatch(/^设置项 sending\.concurrency 必须是/);
  });

  it('says what is expected in Chinese too', async () => {
    const c = await open();
    const result = await c.call(
      'alice',
      'changeSettings',
      { changes: { sending: { concurrency: 0 } } },
      'zh-CN',
    );
    expect(!result.ok && result.error.message).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
  });

  it('refuses a customer IP with octets above 255, or a lone colon', async () => {
    const c = await open();
    const codes: unknown[] = [];
    for (const customer_ip of ['999.300.1.1', ':']) {
      const result = await c.call('alice', 'changeSettings', {
        changes: { payout_defaults: { customer_ip } },
      });
      codes.push(result.ok ? 'accepted' : result.error.code);
    }
    expect(codes).toEqual(['SETTING_INVALID', 'SETTING_INVALID']);
  });
});

describe('the environment, while batches are being sent', () => {
  it('changes for new batches only: a batch already sent keeps the environment it is bound to', async () => {
    // Submitting needs a reachable environment; the engine is never run, so nothing leaves.
    const c = await open({});
    await c.ok('carol', 'changeSettings', { changes: { production_gate_url: sandbox.url } });
    const first = await open({ dir: c.dir, sending: { gateUrl: sandbox.url } });
    const batchId = await submittedBatch(first, 'BOUND');
    await first.ok('alice', 'pauseBatch', { batchId });

    const changed = await first.ok('carol', 'changeSettings', { changes: { environment: 'production' } });
    expect(changed.environment).toBe('production');
    const [batch] = await first.ok(null, 'listBatches', undefined);
    expect(batch).toMatchObject({
      id: batchId,
      status: 'paused',
      environment: 'sandbox',
      gate_url: sandbox.url,
    });
    const audit = (await auditOf(first)).map((entry) => [entry.action, entry.details]);
    expect(audit.at(-1)).toEqual(['settings.change', { changed: { environment: 'production' } }]);
  });
});

describe('settingFromText (the command line’s KEY VALUE)', () => {
  it.each<[string, string, SettingsChanges]>([
    ['environment', 'production', { environment: 'production' }],
    ['gate-url', 'https://proxy.example.com', { production_gate_url: 'https://proxy.example.com' }],
    ['gate-url', 'none', { production_gate_url: null }],
    ['payout.ip', '10.0.0.1', { payout_defaults: { customer_ip: '10.0.0.1' } }],
    ['payout.city', '上海', { payout_defaults: { city: '上海' } }],
    ['payout.email', '', { payout_defaults: { email: null } }],
    ['sending.rate', '5', { sending: { requests_per_second: 5 } }],
    ['sending.timeout-ms', '20000', { sending: { timeout_ms: 20_000 } }],
    ['limits.cup-p2p', '10.00-44,999.00', { limits: { 'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 } } }],
    ['limits.cup-p2p', 'default', { limits: { 'cup-p2p': null } }],
    ['session-idle-minutes', '30', { session_idle_minutes: 30 }],
    ['lockout.attempts', '10', { lockout: { attempts: 10 } as Settings['lockout'] }],
    ['second-approver-above', '50,000.00', { second_approver_above_fen: 5_000_000 }],
    ['second-approver-above', 'none', { second_approver_above_fen: null }],
  ])('%s %s', (key, value, expected) => {
    expect(settingFromText(key, value)).toEqual(expected);
  });

  it.each([
    ['colour', 'blue', 'colour'],
    ['payout', '10.0.0.1', 'payout'],
    ['limits.cup-p2p', '10.00', 'limits.cup-p2p'],
    ['limits.cup-p2p', '10.00-20.00-30.00', 'limits.cup-p2p'],
    ['limits.cup-p2p', 'ten-twenty', 'limits.cup-p2p'],
  ])('refuses %s %s with SETTING_INVALID', (key, value, named) => {
    let thrown: unknown;
    try {
      settingFromText(key, value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'SETTING_INVALID', params: { key: named } });
  });

  it('gives changes the settings rules then check: a limit set from text, and back to the default', async () => {
    const c = await open();
    const set = await c.ok('alice', 'changeSettings', {
      changes: settingFromText('limits.cup-p2p', '10.00-44,999.00'),
    });
    expect(set.limits).toEqual({ 'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 } });
    const back = await c.ok('alice', 'changeSettings', {
      changes: settingFromText('limits.cup-p2p', 'default'),
    });
    expect(back.limits).toEqual({});
    const bad = await c.call('alice', 'changeSettings', {
      changes: settingFromText('sending.concurrency', 'many'),
    });
    expect(!bad.ok && bad.error.code).toBe('SETTING_INVALID');
  });
});

describe('appInfo', () => {
  it('reports the environment and the Gate the settings choose', async () => {
    const c = await open();
    expect(await c.ok(null, 'appInfo', undefined)).toEqual({
      version: 'test',
      environment: 'sandbox',
      gate_url: null, // the embedded sandbox: no address until it starts
      database_path: c.dbPath,
    });
    await c.ok('alice', 'changeSettings', { changes: { environment: 'production' } });
    expect(await c.ok(null, 'appInfo', undefined)).toMatchObject({
      environment: 'production',
      gate_url: 'https://api.ecommpay.com',
    });
    await c.ok('alice', 'changeSettings', {
      changes: { production_gate_url: 'https://proxy.example.com/gate' },
    });
    expect(await c.ok(null, 'appInfo', undefined)).toMatchObject({
      environment: 'production',
      gate_url: 'https://proxy.example.com/gate',
    });
    // The production proxy is not where the sandbox is.
    await c.ok('alice', 'changeSettings', { changes: { environment: 'sandbox' } });
    expect(await c.ok(null, 'appInfo', undefined)).toMatchObject({ environment: 'sandbox', gate_url: null });
  });

  it('keeps working after a request timeout the settings accepted', async () => {
    const c = await open();
    await c.ok('alice', 'changeSettings', { changes: { sending: { timeout_ms: 200_000 } } });
    expect(await c.call(null, 'appInfo', undefined)).toMatchObject({ ok: true });
  });
});
