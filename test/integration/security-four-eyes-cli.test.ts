/**
 * "One person alone cannot take a batch from import to sending", through the command line as users run it:
 * whole processes, a real database, real HTTP to the sandbox. Every name variant of the importer is refused,
 * a name nobody was given an account for is refused, and passwords never come from the command line.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { FAST_SENDING, runCliWithPassphrase, TEST_PASSWORD } from './cliProcess.js';
import { payoutCsv, tempDir } from './submissionHarness.js';

const ADMIN_PASSWORD = 'root pass for setup';

const cli = runCliWithPassphrase;

const as = (password: string) => ({ CUP_PASSWORD: password });

let sandbox: RunningSandbox;
let dir: string;
let db: string;
let batch: number;

async function batchStatus(): Promise<string> {
  const shown = await cli(['show', String(batch), '--db', db, '--json']);
  expect(shown.code).toBe(0);
  return (JSON.parse(shown.stdout) as { batch: { status: string } }).batch.status;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, finalAfterMs: 50 });
  dir = tempDir('cup-four-eyes-');
  db = join(dir, 'console.sqlite');
  const init = await cli(['init', '--db', db, '--admin', 'admin'], { CUP_NEW_PASSWORD: ADMIN_PASSWORD });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  for (const [name, roles] of [
    ['alice', 'operator'],
    ['bob', 'approver'],
    // One person holding both roles: the rule is about people, not roles.
    ['dave', 'operator,approver'],
  ] as const) {
    const added = await cli(['users', 'add', name, '--role', roles, '--db', db, '--user', 'admin'], {
      ...as(ADMIN_PASSWORD),
      CUP_NEW_PASSWORD: TEST_PASSWORD,
    });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
  }
  const file = join(dir, 'june.csv');
  writeFileSync(file, payoutCsv(5, 'FE'));
  const imported = await cli(['import', file, '--db', db, '--user', 'alice', '--json'], as(TEST_PASSWORD));
  expect(imported.code).toBe(0);
  batch = (JSON.parse(imported.stdout) as { batch_id: number }).batch_id;
});

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accounts on the command line', () => {
  it('init made the admin and users list shows every account with its roles, without any password', async () => {
    const listed = await cli(['users', 'list', '--db', db, '--json'], { CUP_PAYOUTS_PASSPHRASE: '' });
    expect(listed.code).toBe(0);
    const { users } = JSON.parse(listed.stdout) as { users: Array<{ name: string; roles: string[] }> };
    expect(users.map((u) => [u.name, u.roles])).toEqual([
      ['admin', ['admin']],
      ['alice', ['operator']],
      ['bob', ['approver']],
      ['dave', ['operator', 'approver']],
    ]);
    expect(listed.stdout).not.toMatch(/scrypt|password_hash/);
  });

  it.each([
    ['Cyrillic а', 'аlice'],
    ['full-width', 'ａｌｉｃｅ'],
    ['upper case', 'ALICE'],
    ['a zero-width space', 'alice\u200b'],
    ['digit one for l', 'a1ice'],
  ])('refuses a new account whose name looks like alice (%s)', async (_label, name) => {
    const added = await cli(['users', 'add', name, '--role', 'approver', '--db', db, '--user', 'admin'], {
      ...as(ADMIN_PASSWORD),
      CUP_NEW_PASSWORD: TEST_PASSWORD,
    });
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(/^(USER_CONFUSABLE|USER_EXISTS): .*alice/m);
    const listed = await cli(['users', 'list', '--db', db, '--json']);
    expect((JSON.parse(listed.stdout) as { users: unknown[] }).users).toHaveLength(4);
  });

  it('refuses a weak initial password, naming why, and creates nothing', async () => {
    const added = await cli(['users', 'add', 'erin', '--role', 'viewer', '--db', db, '--user', 'admin'], {
      ...as(ADMIN_PASSWORD),
      CUP_NEW_PASSWORD: 'password1',
    });
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(/^PASSWORD_WEAK: .*at least 10 characters/m);
  });

  it('only an admin adds accounts: an operator is refused with ROLE_REQUIRED', async () => {
    const added = await cli(
      ['users', 'add', 'mallory', '--role', 'approver', '--db', db, '--user', 'alice'],
      {
        ...as(TEST_PASSWORD),
        CUP_NEW_PASSWORD: TEST_PASSWORD,
      },
    );
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(/^ROLE_REQUIRED: alice may not do this \(users\.add\)/m);
  });

  it('never takes a password from the command line', async () => {
    const run = await cli([
      'approve',
      String(batch),
      '--db',
      db,
      '--user',
      'bob',
      '--password',
      TEST_PASSWORD,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--password'/);
    expect(await batchStatus()).toBe('draft');
  });

  it('a command that changes something needs the password: without it, PASSWORD_MISSING and nothing changes', async () => {
    const run = await cli(['approve', String(batch), '--db', db, '--user', 'bob']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^PASSWORD_MISSING: Set CUP_PASSWORD/m);
    expect(await batchStatus()).toBe('draft');
  });

  it('a wrong password is SIGN_IN_FAILED (the same answer as an unknown name), and is audited', async () => {
    const wrong = await cli(['approve', String(batch), '--db', db, '--user', 'bob'], as('not the password'));
    const unknown = await cli(['approve', String(batch), '--db', db, '--user', 'alice2'], as(TEST_PASSWORD));
    for (const run of [wrong, unknown]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('SIGN_IN_FAILED: Wrong user name or password.\n');
    }
    expect(await batchStatus()).toBe('draft');
    const audit = await cli(['audit', 'list', '--db', db, '--action', 'auth.sign_in_failed', '--json']);
    const entries = (
      JSON.parse(audit.stdout) as { entries: Array<{ actor: string; details: { reason: string } }> }
    ).entries;
    expect(entries.map((e) => [e.actor, e.details.reason])).toEqual(
      expect.arrayContaining([
        ['bob', 'wrong_password'],
        ['alice2', 'unknown_user'],
      ]),
    );
  });
});

describe('one person alone cannot take a batch from import to sending', () => {
  it.each([
    ['the same name', 'alice', 'ROLE_REQUIRED'],
    ['full-width letters', 'ａｌｉｃｅ', 'ROLE_REQUIRED'],
    ['upper case', 'ALICE', 'ROLE_REQUIRED'],
    ['a zero-width space', 'alice\u200b', 'ROLE_REQUIRED'],
    ['a Cyrillic а (no such account)', 'аlice', 'SIGN_IN_FAILED'],
    ['a name nobody was given', 'alice2', 'SIGN_IN_FAILED'],
  ])('the importer cannot approve under %s', async (_label, name, code) => {
    const run = await cli(['approve', String(batch), '--db', db, '--user', name], as(TEST_PASSWORD));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^(${code}):`, 'm'));
    expect(await batchStatus()).toBe('draft');
  });

  it('nor can a person holding both roles approve what they imported, under any spelling', async () => {
    const file = join(dir, 'dave.csv');
    writeFileSync(file, payoutCsv(3, 'DAVE'));
    const imported = await cli(['import', file, '--db', db, '--user', 'dave', '--json'], as(TEST_PASSWORD));
    expect(imported.code).toBe(0);
    const own = String((JSON.parse(imported.stdout) as { batch_id: number }).batch_id);
    for (const name of ['dave', 'DAVE', 'ｄａｖｅ', 'dave\u2060']) {
      const run = await cli(['approve', own, '--db', db, '--user', name], as(TEST_PASSWORD));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^SAME_USER_APPROVAL: Batch \d+ was imported by dave; another person must approve it\./m,
      );
    }
    const submit = await cli(
      ['submit', own, '--db', db, '--user', 'dave', '--gate', sandbox.url],
      as(TEST_PASSWORD),
    );
    expect(submit.code).toBe(1);
    expect(submit.stderr).toMatch(/^BATCH_WRONG_STATUS:/m);
  });

  it('the importer cannot send an unapproved batch; once another person approves, it is sent', async () => {
    const early = await cli(
      ['submit', String(batch), '--db', db, '--user', 'alice', '--gate', sandbox.url],
      as(TEST_PASSWORD),
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^BATCH_WRONG_STATUS:/m);
    // An approver cannot send either: sending is an operator's.
    const approved = await cli(['approve', String(batch), '--db', db, '--user', 'bob'], as(TEST_PASSWORD));
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toMatch(/approved by bob/);
    const byApprover = await cli(
      ['submit', String(batch), '--db', db, '--user', 'bob', '--gate', sandbox.url],
      as(TEST_PASSWORD),
    );
    expect(byApprover.code).toBe(1);
    expect(byApprover.stderr).toMatch(/^ROLE_REQUIRED: bob may not do this \(batch\.submit\)/m);
    const sent = await cli(
      [
        'submit',
        String(batch),
        '--db',
        db,
        '--user',
        'alice',
        '--gate',
        sandbox.url,
        '--wait',
        ...FAST_SENDING,
      ],
      as(TEST_PASSWORD),
    );
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(await batchStatus()).toBe('completed');
  });
});

describe('lockout', () => {
  it('locks an account after 5 failed sign-ins, even for the right password, until an admin resets it', async () => {
    for (let i = 0; i < 4; i++) {
      const wrong = await cli(['pause', '1', '--db', db, '--user', 'dave'], as(`wrong ${i} password`));
      expect(wrong.stderr).toMatch(/^SIGN_IN_FAILED/m);
    }
    const fifth = await cli(['pause', '1', '--db', db, '--user', 'dave'], as('wrong 5 password'));
    expect(fifth.stderr).toMatch(/^ACCOUNT_LOCKED: The account dave is locked/m);
    const right = await cli(['pause', '1', '--db', db, '--user', 'dave'], as(TEST_PASSWORD));
    expect(right.code).toBe(1);
    expect(right.stderr).toMatch(/^ACCOUNT_LOCKED/m);

    const reset = await cli(['users', 'reset-password', 'dave', '--db', db, '--user', 'admin'], {
      ...as(ADMIN_PASSWORD),
      CUP_NEW_PASSWORD: 'a fresh pass for d',
    });
    expect(reset.stderr).toBe('');
    const again = await cli(['users', 'change-password', '--db', db, '--user', 'dave'], {
      ...as('a fresh pass for d'),
      CUP_NEW_PASSWORD: 'my own new secret 7',
    });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });

  it('a disabled account cannot sign in any more', async () => {
    const disabled = await cli(
      ['users', 'disable', 'dave', '--db', db, '--user', 'admin'],
      as(ADMIN_PASSWORD),
    );
    expect(disabled.stderr).toBe('');
    const run = await cli(['pause', '1', '--db', db, '--user', 'dave'], as('my own new secret 7'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('SIGN_IN_FAILED: Wrong user name or password.\n');
  });
});
