/**
 * Who may do what, as the one policy every shell goes through: each action's roles, and four eyes that hold
 * for people (any spelling or look-alike of a name), for editors, and for a batch's two approvers.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../electron/contract/records.js';
import { ACTION_ROLES, rolePolicy, samePerson, type Action } from '../../electron/core/app/access.js';
import { AppError } from '../../electron/core/app/errors.js';
import type { BatchRecord } from '../../electron/core/store/types.js';

const ROLES: Role[] = ['admin', 'operator', 'approver', 'viewer'];

function batch(patch: Partial<BatchRecord> = {}): BatchRecord {
  return { id: 7, created_by: 'alice', edited_by: '[]', status: 'draft', ...patch } as BatchRecord;
}

function refusal(run: () => void): { code: string; params: Record<string, unknown> } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, params: error.params };
  }
}

describe('each action needs one of its roles', () => {
  const actions = Object.keys(ACTION_ROLES) as Action[];

  it.each(actions)('%s: allowed for its roles, refused for every other, naming what it needs', (action) => {
    for (const role of ROLES) {
      const answer = refusal(() =>
        rolePolicy.authorize({
          principal: { name: 'zoe', roles: [role] },
          action,
          batch: null,
          approvedBy: [],
        }),
      );
      if (ACTION_ROLES[action].includes(role)) expect(answer, role).toBeNull();
      else
        expect(answer, role).toEqual({
          code: 'ROLE_REQUIRED',
          params: { action, roles: ACTION_ROLES[action].join(','), user: 'zoe' },
        });
    }
  });

  it('is exactly this table', () => {
    expect(ACTION_ROLES).toEqual({
      'batch.import': ['operator'],
      'batch.approve': ['approver'],
      'batch.reject': ['approver'],
      'batch.submit': ['operator'],
      'batch.pause': ['operator', 'approver'],
      'batch.resume': ['operator'],
      'batch.cancel': ['operator', 'approver'],
      'batch.recheck': ['operator', 'approver'],
      'banks.refresh': ['admin'],
      'credentials.set': ['admin'],
      'credentials.delete': ['admin'],
      'settings.change': ['admin'],
      'users.add': ['admin'],
      'users.disable': ['admin'],
      'users.enable': ['admin'],
      'users.set_roles': ['admin'],
      'users.reset_password': ['admin'],
      'users.change_password': ['admin', 'operator', 'approver', 'viewer'],
      'key.set_passphrase': ['admin'],
      'payouts.reveal': ['admin'],
      'database.backup': ['admin'],
      'mapping_preset.save': ['operator', 'admin'],
      'mapping_preset.delete': ['operator', 'admin'],
      'batch.export': ['admin', 'operator', 'approver', 'viewer'],
      'batch.retry': ['operator'],
      'report.export': ['admin', 'operator', 'approver', 'viewer'],
      'reconcile.run': ['admin', 'operator', 'approver'],
      'reconcile.resolve': ['admin', 'operator', 'approver'],
    });
  });

  it('gives the roles the issue names: operators import and send, approvers approve, admins manage', () => {
    expect(ACTION_ROLES['batch.import']).toEqual(['operator']);
    expect(ACTION_ROLES['batch.submit']).toEqual(['operator']);
    expect(ACTION_ROLES['batch.approve']).toEqual(['approver']);
    expect(ACTION_ROLES['batch.reject']).toEqual(['approver']);
    for (const action of ['users.add', 'credentials.set', 'credentials.delete', 'settings.change'] as const)
      expect(ACTION_ROLES[action]).toEqual(['admin']);
    expect(ACTION_ROLES['payouts.reveal']).toEqual(['admin']);
    // No action is a viewer's alone: viewers read, and export what they read (audited).
    expect(actions.filter((a) => ACTION_ROLES[a].includes('viewer'))).toEqual([
      'users.change_password',
      'batch.export',
      'report.export',
    ]);
  });

  it('several roles: any one of them is enough', () => {
    const principal = { name: 'dave', roles: ['viewer', 'approver'] as Role[] };
    expect(
      refusal(() =>
        rolePolicy.authorize({ principal, action: 'batch.reject', batch: batch(), approvedBy: [] }),
      ),
    ).toBeNull();
  });
});

describe('four eyes', () => {
  const approver = (name: string) => ({ name, roles: ['approver', 'operator'] as Role[] });

  it.each(['alice', 'ALICE', 'ａｌｉｃｅ', 'alice\u200b', 'аlice', 'a1ice'])(
    'the importer cannot approve as %j',
    (name) => {
      expect(
        refusal(() =>
          rolePolicy.authorize({
            principal: approver(name),
            action: 'batch.approve',
            batch: batch(),
            approvedBy: [],
          }),
        ),
      ).toEqual({
        code: 'SAME_USER_APPROVAL',
        params: { batchId: 7, importer: 'alice' },
      });
    },
  );

  it('another person may approve; other actions on the importer’s batch are not four-eyes checks', () => {
    expect(
      refusal(() =>
        rolePolicy.authorize({
          principal: approver('bob'),
          action: 'batch.approve',
          batch: batch(),
          approvedBy: [],
        }),
      ),
    ).toBeNull();
    expect(
      refusal(() =>
        rolePolicy.authorize({
          principal: approver('alice'),
          action: 'batch.submit',
          batch: batch(),
          approvedBy: [],
        }),
      ),
    ).toBeNull();
    expect(
      refusal(() =>
        rolePolicy.authorize({
          principal: approver('alice'),
          action: 'batch.approve',
          batch: null,
          approvedBy: [],
        }),
      ),
    ).toBeNull();
  });

  it('nobody who edited the batch approves it, under any spelling', () => {
    const edited = batch({ edited_by: JSON.stringify(['carol', 'erin']) });
    expect(
      refusal(() =>
        rolePolicy.authorize({
          principal: approver('ＥＲＩＮ'),
          action: 'batch.approve',
          batch: edited,
          approvedBy: [],
        }),
      ),
    ).toEqual({
      code: 'EDITOR_APPROVAL',
      params: { batchId: 7, editor: 'erin' },
    });
    expect(
      refusal(() =>
        rolePolicy.authorize({
          principal: approver('bob'),
          action: 'batch.approve',
          batch: edited,
          approvedBy: [],
        }),
      ),
    ).toBeNull();
    // A damaged list of editors is no list, not a crash.
    for (const damaged of ['not json', '{"a":1}', '[1, null]'])
      expect(
        refusal(() =>
          rolePolicy.authorize({
            principal: approver('bob'),
            action: 'batch.approve',
            batch: batch({ edited_by: damaged }),
            approvedBy: [],
          }),
        ),
      ).toBeNull();
  });

  it('a batch that needs two approvals needs two people', () => {
    const request = (name: string) => ({
      principal: approver(name),
      action: 'batch.approve' as const,
      batch: batch(),
      approvedBy: ['bob'],
    });
    expect(refusal(() => rolePolicy.authorize(request('Bob')))).toEqual({
      code: 'SAME_APPROVER_TWICE',
      params: { batchId: 7, approver: 'bob' },
    });
    expect(refusal(() => rolePolicy.authorize(request('carol')))).toBeNull();
  });

  it('samePerson: folded names and look-alikes are one person, different names are not', () => {
    expect(samePerson('Alice', 'ａｌｉｃｅ')).toBe(true);
    expect(samePerson('alice', 'аlice')).toBe(true);
    expect(samePerson('alice', 'alice2')).toBe(false);
    expect(samePerson('张伟', '张玮')).toBe(false);
  });
});
