/**
 * What the desktop Settings screen needs of the application layer (issue 10): the phone as an organisation
 * default, own limits held within the provider's documented ones (which the settings report), and accounts
 * enabled again or given other roles.
 */
import { describe, expect, it } from 'vitest';
import type { SettingsChanges } from '../../electron/contract/operations.js';
import type { Role } from '../../electron/contract/records.js';
import { maskPhone } from '../../electron/core/security/index.js';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD, type TestConsole } from './appHarness.js';
import { changesOf, withDatabase } from './consoleSupport.js';
import { csv, HEADER, row, rowsFile } from './appFiles.js';

const open = consolesPerTest();

/** A complete row whose phone cell is empty (HEADER's ninth column). */
function rowWithoutPhone(paymentId: string, amount: string): string {
  const cells = row(paymentId, amount).split(',');
  cells[8] = '';
  return cells.join(',');
}

/** A file without a phone column at all. */
function fileWithoutPhoneColumn(name: string, paymentIds: string[]) {
  const drop = (line: string) =>
    line
      .split(',')
      .filter((_cell, i) => i !== 8)
      .join(',');
  return csv(name, [drop(HEADER), ...paymentIds.map((id) => drop(row(id, '120.00')))]);
}

async function refusal(c: TestConsole, actor: string, changes: SettingsChanges, lang?: 'en' | 'zh-CN') {
  const result = await c.call(actor, 'changeSettings', { changes }, lang);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('the phone as an organisation default', () => {
  it('is null on a new database, and saved as typed once it passes the row rule (audited)', async () => {
    const c = await open();
    expect((await c.ok(null, 'getSettings', undefined)).payout_defaults.phone).toBeNull();
    const saved = await c.ok('alice', 'changeSettings', {
      changes: { payout_defaults: { phone: ' +852 9123 4567 ' } },
    });
    // Kept as written (trimmed): a row's phone is made digits only when the default fills it.
    expect(saved.payout_defaults.phone).toBe('+852 9123 4567');
    const [entry] = await changesOf(c);
    expect(entry).toMatchObject({ action: 'settings.change', actor: 'alice' });
    expect(entry?.details).toEqual({ changed: { payout_defaults: saved.payout_defaults } });

    const cleared = await c.ok('alice', 'changeSettings', { changes: { payout_defaults: { phone: null } } });
    expect(cleared.payout_defaults.phone).toBeNull();
  });

  it.each(['12345', '0201234567', '1.38001E+10', 'call me'])(
    'refuses %j as the row rule does (SETTING_INVALID naming payout_defaults.phone), storing nothing',
    async (phone) => {
      const c = await open();
      const error = await refusal(c, 'alice', { payout_defaults: { phone } });
      expect(error.code).toBe('SETTING_INVALID');
      expect(error.message).toMatch(/^Setting payout_defaults\.phone must be a mainland mobile number/);
      expect((await c.ok(null, 'getSettings', undefined)).payout_defaults.phone).toBeNull();
      expect(await changesOf(c)).toEqual([]);
    },
  );

  it('says what a phone must be in Chinese', async () => {
    const c = await open();
    const error = await refusal(c, 'alice', { payout_defaults: { phone: '12345' } }, 'zh-CN');
    expect(error.message).toBe(
      '设置项 payout_defaults.phone 必须是中国大陆手机号，或以 + 或 00 开头、带国家代码的号码。',
    );
  });

  it('without it an empty phone is REQUIRED_MISSING naming --payout-phone; with it the row is payable', async () => {
    const c = await open();
    const file = rowsFile('no-phone.csv', [rowWithoutPhone('PH-1', '120.00')]);
    const before = await c.ok('alice', 'validateFile', { file });
    expect(before.rows[0]?.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['REQUIRED_MISSING', 'phone'],
    ]);
    expect(before.rows[0]?.issues[0]?.message).toBe(
      "Phone is required but empty and no default is set (settings' payout defaults or --payout-phone).",
    );

    await c.ok('alice', 'changeSettings', { changes: { payout_defaults: { phone: '+86 139 0000 1111' } } });
    const after = await c.ok('alice', 'validateFile', { file, requestPreview: 1 });
    expect(after.summary).toMatchObject({ ok: 1, errors: 0 });
    // Shown masked like every payee phone, in the row and in the request that would be sent.
    expect(after.rows[0]?.payout.phone).toBe(maskPhone('8613900001111'));
    expect((after.requests?.[0]?.body as { customer: { phone: string } }).customer.phone).toBe(
      maskPhone('8613900001111'),
    );
  });

  it('fills a file without a phone column, and is stored with each payout (what the approval covers)', async () => {
    const c = await open();
    await c.ok('alice', 'changeSettings', { changes: { payout_defaults: { phone: '13900001111' } } });
    const imported = await c.ok('alice', 'importFile', {
      file: fileWithoutPhoneColumn('no-column.csv', ['PC-1', 'PC-2']),
    });
    expect(imported.stored).toMatchObject({ payouts: 2 });
    const payees = await c.ok(TEST_ADMIN, 'revealPayees', { batchId: imported.batch_id as number });
    expect(payees.map((p) => [p.payment_id, p.phone])).toEqual([
      ['PC-1', '13900001111'],
      ['PC-2', '13900001111'],
    ]);
  });

  it('a row’s own phone wins; an intake’s payoutDefaults.phone wins over the saved one and is checked', async () => {
    const c = await open();
    await c.ok('alice', 'changeSettings', { changes: { payout_defaults: { phone: '13900001111' } } });
    const file = rowsFile('mixed.csv', [row('OW-1', '120.00'), rowWithoutPhone('OW-2', '130.00')]);
    const report = await c.ok('alice', 'validateFile', { file, payoutDefaults: { phone: '0085291234567' } });
    expect(report.rows.map((r) => r.payout.phone)).toEqual([
      maskPhone('13800138000'),
      maskPhone('85291234567'),
    ]);
    const bad = await c.call('alice', 'validateFile', { file, payoutDefaults: { phone: '555-0100' } });
    expect(!bad.ok && [bad.error.code, bad.error.message]).toEqual([
      'SETTING_INVALID',
      expect.stringMatching(/^Setting payout_defaults\.phone must be /),
    ]);
  });
});

describe('own limits within the provider’s documented limits', () => {
  it('reports each method’s documented limits, read-only, from the reference data', async () => {
    const c = await open();
    const settings = await c.ok(null, 'getSettings', undefined);
    expect(settings.provider_limits).toEqual({
      'cup-p2p': { min_fen: 1_000, max_fen: 4_499_900 },
      'cup-quickpay': { min_fen: 1_000, max_fen: 4_499_900 },
      'cup-banks': { min_fen: 10_000, max_fen: 4_999_900 },
    });
    // Not a setting: a change naming it is refused, and it is never stored.
    const result = await c.call('alice', 'changeSettings', {
      changes: { provider_limits: { 'cup-p2p': { min_fen: 1, max_fen: 1 } } } as SettingsChanges,
    });
    expect(!result.ok && result.error.code).toBe('SETTING_INVALID');
    const stored = withDatabase(c.dbPath, (db) => db.prepare('SELECT key FROM settings').pluck().all());
    expect(stored).toEqual([]);
  });

  it.each<[string, SettingsChanges['limits'], string, string]>([
    [
      'a minimum below the documented one',
      { 'cup-p2p': { min_fen: 999, max_fen: 1_000_000 } },
      "The limits of CUP P2P must lie within the provider's documented ¥10.00 to ¥44,999.00.",
      '银联 P2P的限额必须在服务商规定的 ¥10.00 至 ¥44,999.00 之内。',
    ],
    [
      'a maximum above the documented one',
      { 'cup-banks': { min_fen: 10_000, max_fen: 4_999_901 } },
      "The limits of CUP Banks must lie within the provider's documented ¥100.00 to ¥49,999.00.",
      '银联网银的限额必须在服务商规定的 ¥100.00 至 ¥49,999.00 之内。',
    ],
  ])(
    'refuses %s (LIMITS_OUTSIDE_PROVIDER, in both languages) and stores nothing',
    async (_what, limits, en, zh) => {
      const c = await open();
      const english = await refusal(c, 'alice', { limits });
      expect(english).toEqual({ code: 'LIMITS_OUTSIDE_PROVIDER', message: en });
      expect((await refusal(c, 'alice', { limits }, 'zh-CN')).message).toBe(zh);
      // One method out of range refuses the whole change, the good parts with it.
      const mixed = await refusal(c, 'alice', {
        environment: 'production',
        limits: { 'cup-quickpay': { min_fen: 2_000, max_fen: 3_000 }, ...limits },
      });
      expect(mixed.code).toBe('LIMITS_OUTSIDE_PROVIDER');
      expect(await c.ok(null, 'getSettings', undefined)).toMatchObject({
        environment: 'sandbox',
        limits: {},
      });
      expect(await changesOf(c)).toEqual([]);
    },
  );

  it('accepts the documented limits themselves, and null takes a method back to them', async () => {
    const c = await open();
    const set = await c.ok('alice', 'changeSettings', {
      changes: {
        limits: {
          'cup-banks': { min_fen: 10_000, max_fen: 4_999_900 },
          'cup-p2p': { min_fen: 5_000, max_fen: 6_000 },
        },
      },
    });
    expect(set.limits).toEqual({
      'cup-banks': { min_fen: 10_000, max_fen: 4_999_900 },
      'cup-p2p': { min_fen: 5_000, max_fen: 6_000 },
    });
    const back = await c.ok('alice', 'changeSettings', { changes: { limits: { 'cup-banks': null } } });
    expect(back.limits).toEqual({ 'cup-p2p': { min_fen: 5_000, max_fen: 6_000 } });
  });

  it('limits stored before the rule and outside it are not used, and block no other change', async () => {
    const c = await open();
    withDatabase(c.dbPath, (db) =>
      db
        .prepare(
          "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('limits', ?, '2025-01-01', 'x')",
        )
        .run(JSON.stringify({ 'cup-p2p': { min_fen: 1, max_fen: 100_000_000 } })),
    );
    expect((await c.ok(null, 'getSettings', undefined)).limits).toEqual({});
    // The documented limits apply: 5.00 is below CUP P2P's minimum.
    const report = await c.ok('alice', 'validateFile', { file: rowsFile('old.csv', [row('OL-1', '5.00')]) });
    expect(report.rows[0]?.issues.map((issue) => issue.code)).toEqual(['AMOUNT_BELOW_MIN']);
    const changed = await c.ok('alice', 'changeSettings', { changes: { duplicate_window_days: 7 } });
    expect(changed.duplicate_window_days).toBe(7);
  });
});

describe('accounts: enabling again and changing roles', () => {
  async function withOlga(c: TestConsole, roles: string) {
    await c.ok(TEST_ADMIN, 'addUser', { name: 'olga', roles, password: TEST_PASSWORD });
  }

  async function signIn(c: TestConsole, name: string) {
    return c.runtime.app.call('signIn', { name, password: TEST_PASSWORD }, { lang: 'en', session: null });
  }

  it('enableUser lets a disabled account sign in again, audited once; enabling an enabled one writes nothing', async () => {
    const c = await open();
    await withOlga(c, 'operator');
    await c.ok(TEST_ADMIN, 'disableUser', { name: 'olga' });
    expect(await signIn(c, 'olga')).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });

    const enabled = await c.ok(TEST_ADMIN, 'enableUser', { name: 'ＯＬＧＡ' });
    expect(enabled).toMatchObject({ name: 'olga', disabled: false, roles: ['operator'] });
    expect(await signIn(c, 'olga')).toMatchObject({ ok: true });
    expect(await c.ok(TEST_ADMIN, 'enableUser', { name: 'olga' })).toMatchObject({ disabled: false });

    const entries = (await changesOf(c)).filter((entry) => entry.action.startsWith('users.'));
    expect(entries.map((entry) => [entry.actor, entry.action, entry.details])).toEqual([
      [TEST_ADMIN, 'users.disable', { user: 'olga' }],
      [TEST_ADMIN, 'users.enable', { user: 'olga' }],
    ]);
  });

  it('enableUser: an unknown account is USER_NOT_FOUND; only an admin may (ROLE_REQUIRED)', async () => {
    const c = await open();
    await withOlga(c, 'operator,approver,viewer');
    const unknown = await c.call(TEST_ADMIN, 'enableUser', { name: 'nobody' });
    expect(!unknown.ok && unknown.error.code).toBe('USER_NOT_FOUND');
    const olga = await c.call('olga', 'enableUser', { name: 'olga' });
    expect(!olga.ok && olga.error).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(!olga.ok && olga.error.message).toContain('users.enable');
  });

  it('setUserRoles replaces the roles, audited with the previous ones, and takes effect in open sessions', async () => {
    const c = await open();
    await withOlga(c, 'operator');
    const preset = { name: 'Bank A', map: { Betrag: 'amount' } };
    await c.ok('olga', 'saveMappingPreset', preset);

    const changed = await c.ok(TEST_ADMIN, 'setUserRoles', { name: 'olga', roles: ['viewer', 'approver'] });
    expect(changed.roles).toEqual(['viewer', 'approver']);
    expect((await c.ok(TEST_ADMIN, 'listUsers', undefined)).find((u) => u.name === 'olga')?.roles).toEqual([
      'viewer',
      'approver',
    ]);
    // Olga's session is the one she signed in with before: her new roles apply to it at once.
    const refused = await c.call('olga', 'saveMappingPreset', preset);
    expect(!refused.ok && refused.error.code).toBe('ROLE_REQUIRED');

    // The same roles in another order (or as text) change nothing and write nothing.
    await c.ok(TEST_ADMIN, 'setUserRoles', { name: 'olga', roles: 'approver, viewer' });
    const entries = (await changesOf(c)).filter((entry) => entry.action === 'users.set_roles');
    expect(entries.map((entry) => [entry.actor, entry.details])).toEqual([
      [TEST_ADMIN, { user: 'olga', roles: ['viewer', 'approver'], previous: ['operator'] }],
    ]);
  });

  it('setUserRoles refuses an unknown role, no role, an unknown account, and a caller who is no admin', async () => {
    const c = await open();
    await withOlga(c, 'operator,approver,viewer');
    const codes: string[] = [];
    const attempts: Array<[string, { name: string; roles: string[] }]> = [
      [TEST_ADMIN, { name: 'olga', roles: ['root'] }],
      [TEST_ADMIN, { name: 'olga', roles: [] }],
      [TEST_ADMIN, { name: 'nobody', roles: ['viewer'] }],
      ['olga', { name: 'olga', roles: ['admin'] }],
    ];
    for (const [actor, input] of attempts) {
      const result = await c.call(actor, 'setUserRoles', { ...input, roles: input.roles as Role[] });
      codes.push(result.ok ? 'accepted' : result.error.code);
    }
    expect(codes).toEqual(['ROLE_INVALID', 'ROLE_INVALID', 'USER_NOT_FOUND', 'ROLE_REQUIRED']);
    expect((await c.ok(TEST_ADMIN, 'listUsers', undefined)).find((u) => u.name === 'olga')?.roles).toEqual([
      'operator',
      'approver',
      'viewer',
    ]);
  });

  it('the last active admin keeps the admin role (LAST_ADMIN)', async () => {
    const c = await open();
    const result = await c.call(
      TEST_ADMIN,
      'setUserRoles',
      { name: TEST_ADMIN, roles: ['operator'] },
      'zh-CN',
    );
    expect(!result.ok && result.error).toEqual({
      code: 'LAST_ADMIN',
      message: '这是最后一个有效的管理员：请先添加另一个管理员。',
    });
    // A disabled admin does not count: with the other admin disabled, the rule holds again.
    await c.ok(TEST_ADMIN, 'addUser', { name: 'greta', roles: ['admin'], password: TEST_PASSWORD });
    await c.ok(TEST_ADMIN, 'disableUser', { name: 'greta' });
    const again = await c.call(TEST_ADMIN, 'setUserRoles', { name: TEST_ADMIN, roles: ['viewer'] });
    expect(!again.ok && again.error.code).toBe('LAST_ADMIN');
    // The disabled admin's own role may go.
    expect(await c.ok(TEST_ADMIN, 'setUserRoles', { name: 'greta', roles: ['viewer'] })).toMatchObject({
      roles: ['viewer'],
      disabled: true,
    });
    expect(
      (await c.ok(TEST_ADMIN, 'listUsers', undefined)).find((u) => u.name === TEST_ADMIN)?.roles,
    ).toEqual(['admin']);
  });

  it('an admin cannot take the admin role from themself (CANNOT_REMOVE_OWN_ADMIN); another admin can', async () => {
    const c = await open();
    await c.ok(TEST_ADMIN, 'addUser', { name: 'greta', roles: ['admin'], password: TEST_PASSWORD });
    const own = await c.call(TEST_ADMIN, 'setUserRoles', { name: TEST_ADMIN, roles: ['operator'] });
    expect(!own.ok && own.error).toEqual({
      code: 'CANNOT_REMOVE_OWN_ADMIN',
      message: 'You cannot take the admin role from your own account: another admin must do it.',
    });
    const zh = await c.call(TEST_ADMIN, 'setUserRoles', { name: TEST_ADMIN, roles: ['operator'] }, 'zh-CN');
    expect(!zh.ok && zh.error.message).toBe('不能取消自己账户的管理员角色：须由另一名管理员操作。');
    // Adding roles to one's own admin role is fine.
    expect(
      (await c.ok(TEST_ADMIN, 'setUserRoles', { name: TEST_ADMIN, roles: ['admin', 'viewer'] })).roles,
    ).toEqual(['admin', 'viewer']);

    expect((await c.ok('greta', 'setUserRoles', { name: TEST_ADMIN, roles: ['operator'] })).roles).toEqual([
      'operator',
    ]);
    const refused = await c.call(TEST_ADMIN, 'changeSettings', { changes: { duplicate_window_days: 1 } });
    expect(!refused.ok && refused.error.code).toBe('ROLE_REQUIRED');
  });
});
