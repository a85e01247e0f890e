/**
 * Issue 10 through the command line as whole processes on a real database: `users enable`, `users set-roles`,
 * the phone as an organisation default (`settings set payout.phone`, `--payout-phone`), and own limits held
 * within the provider's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhnDigit } from '../fixtures/payoutFile.js';
import { asUser, prepareDatabase, runCli, TEST_ADMIN, TEST_PASSWORD } from './cliProcess.js';

/** Every command with the test accounts' password and the passphrase (those that act sign in with them). */
const cli = (...args: string[]) => runCli(args, asUser());

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cup-settings10-'));
  db = join(dir, 'console.sqlite');
  await prepareDatabase(db, { alice: ['operator'], bob: ['approver'] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rolesOf(name: string): Promise<string[] | undefined> {
  const listed = await cli('users', 'list', '--db', db, '--json');
  const { users } = JSON.parse(listed.stdout) as { users: Array<{ name: string; roles: string[] }> };
  return users.find((user) => user.name === name)?.roles;
}

describe('users set-roles and users enable', () => {
  it('set-roles replaces an account’s roles and says so', async () => {
    const set = await cli(
      'users',
      'set-roles',
      'alice',
      '--role',
      'operator,viewer',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('Account alice now has the roles operator, viewer.\n');
    expect(await rolesOf('alice')).toEqual(['operator', 'viewer']);

    // --role may be repeated; --json prints the account; --lang zh-CN speaks Chinese.
    const json = await cli(
      'users',
      'set-roles',
      'alice',
      '--role',
      'operator',
      '--role',
      'approver',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
      '--json',
    );
    expect(JSON.parse(json.stdout).user).toMatchObject({ name: 'alice', roles: ['operator', 'approver'] });
    const zh = await cli(
      'users',
      'set-roles',
      'alice',
      '--role',
      'operator',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
      '--lang',
      'zh-CN',
    );
    expect(zh.stdout).toBe('账户 alice 现在的角色为 operator。\n');
  });

  it('set-roles: the last admin keeps admin (exit 1), --role is required and must be known (exit 2)', async () => {
    const last = await cli(
      'users',
      'set-roles',
      TEST_ADMIN,
      '--role',
      'operator',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
    );
    expect(last.code).toBe(1);
    expect(last.stderr).toBe('LAST_ADMIN: This is the last active admin: add another admin first.\n');
    const none = await cli('users', 'set-roles', 'bob', '--db', db, '--user', TEST_ADMIN);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--role ROLE is required');
    const unknown = await cli(
      'users',
      'set-roles',
      'bob',
      '--role',
      'root',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ROLE_INVALID: /);
    // Only an admin changes roles.
    const notAdmin = await cli('users', 'set-roles', 'bob', '--role', 'admin', '--db', db, '--user', 'bob');
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toMatch(/^ROLE_REQUIRED: bob may not do this \(users\.set_roles\)/);
    expect(await rolesOf('bob')).toEqual(['approver']);
  });

  it('enable lets a disabled account sign in again', async () => {
    const disabled = await cli('users', 'disable', 'bob', '--db', db, '--user', TEST_ADMIN);
    expect(disabled.code).toBe(0);
    const refused = await cli('users', 'change-password', '--db', db, '--user', 'bob');
    expect(refused.stderr).toBe('SIGN_IN_FAILED: Wrong user name or password.\n');

    const enabled = await cli('users', 'enable', 'bob', '--db', db, '--user', TEST_ADMIN);
    expect(enabled.stderr).toBe('');
    expect(enabled.stdout).toBe('Account bob enabled; it can sign in again.\n');
    const changed = await runCli(
      ['users', 'change-password', '--db', db, '--user', 'bob'],
      asUser({ CUP_NEW_PASSWORD: `${TEST_PASSWORD} renewed` }),
    );
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);

    const trail = await cli('audit', 'list', '--db', db, '--action', 'users.', '--json');
    const actions = (JSON.parse(trail.stdout) as { entries: Array<{ action: string }> }).entries.map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['users.set_roles', 'users.disable', 'users.enable']));
  });

  it('users --help names both subcommands', async () => {
    const help = await cli('users', '--help');
    expect(help.stdout).toContain('users enable NAME');
    expect(help.stdout).toContain('users set-roles NAME --role ROLE[,ROLE…]');
  });
});

describe('the phone default and limits through settings', () => {
  const HEADER =
    'amount,card_number,bank_id,region_id,last_name,first_name,email,branch,bank_city,street,zip,description';
  const LINE = `100.00,${withLuhnDigit('622848000000000033')},23,5,张,伟,wei@example.com,天河支行,广州,天河路385号,510620,佣金`;

  it('a file without phones is refused until --payout-phone or payout.phone fills them', async () => {
    const file = join(dir, 'no-phone.csv');
    writeFileSync(file, `${HEADER}\n${LINE}\n`);
    const missing = await cli('validate', file, '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('--payout-phone');

    const once = await cli('validate', file, '--db', db, '--json', '--payout-phone', '+86 139 0000 1111');
    expect(once.code).toBe(0);
    const badOnce = await cli('validate', file, '--db', db, '--payout-phone', '12345');
    expect(badOnce.code).toBe(2);
    expect(badOnce.stderr).toMatch(/^SETTING_INVALID: Setting payout_defaults\.phone must be /);

    const set = await cli('settings', 'set', 'payout.phone', '13900001111', '--db', db, '--user', TEST_ADMIN);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^payout\.phone\s+13900001111$/m);
    expect((await cli('validate', file, '--db', db)).code).toBe(0);
    const cleared = await cli(
      'settings',
      'set',
      'payout.phone',
      'none',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
      '--json',
    );
    expect(JSON.parse(cleared.stdout).payout_defaults.phone).toBeNull();
  });

  it('limits outside the documented ones are refused (exit 2); settings show --json gives the documented', async () => {
    const outside = await cli(
      'settings',
      'set',
      'limits.cup-banks',
      '50.00-1,000.00',
      '--db',
      db,
      '--user',
      TEST_ADMIN,
    );
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe(
      "LIMITS_OUTSIDE_PROVIDER: The limits of CUP Banks must lie within the provider's documented ¥100.00 to ¥49,999.00.\n",
    );
    const shown = JSON.parse((await cli('settings', 'show', '--db', db, '--json')).stdout);
    expect(shown.limits).toEqual({});
    expect(shown.provider_limits['cup-banks']).toEqual({ min_fen: 10_000, max_fen: 4_999_900 });
  });
});
