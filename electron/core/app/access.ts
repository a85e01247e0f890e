/**
 * Who may do what: the single place where permissions are checked. Each action names the roles that may take
 * it; and nobody approves a batch they imported or edited (four eyes), nor gives both approvals of a batch
 * that needs two. Names are compared as people are: `ａｌｉｃｅ`, `Alice` and `alice\u200b` are one person.
 */
import type { Role } from '../../contract/records.js';
import { confusableSkeleton, normaliseAccountName } from '../security/index.js';
import type { BatchRecord } from '../store/types.js';
import { AppError } from './errors.js';

/** Actions that change something; each is also the audit trail's name for it. */
export type Action =
  | 'batch.import'
  | 'batch.approve'
  | 'batch.reject'
  | 'batch.submit'
  | 'batch.pause'
  | 'batch.resume'
  | 'batch.cancel'
  | 'batch.recheck'
  | 'banks.refresh'
  | 'credentials.set'
  | 'credentials.delete'
  | 'settings.change'
  | 'users.add'
  | 'users.disable'
  | 'users.enable'
  | 'users.reset_password'
  | 'users.change_password'
  | 'key.set_passphrase'
  | 'payouts.reveal'
  | 'database.backup';

/** The roles that may take each action. Reading (and exporting masked data) is open to every role. */
export const ACTION_ROLES: Readonly<Record<Action, readonly Role[]>> = {
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
  'users.reset_password': ['admin'],
  // Every person changes their own password.
  'users.change_password': ['admin', 'operator', 'approver', 'viewer'],
  'key.set_passphrase': ['admin'],
  'payouts.reveal': ['admin'],
  'database.backup': ['admin'],
};

/** Who is acting, as the access policy sees them. */
export interface Principal {
  /** The account's normalised name: what the audit trail records. */
  name: string;
  roles: readonly Role[];
}

export interface AccessRequest {
  principal: Principal;
  action: Action;
  /** The batch acted on, for actions on a batch. */
  batch: BatchRecord | null;
  /** For an approval: who approved the batch already (a batch above the second-approver total). */
  approvedBy: readonly string[];
}

export interface AccessPolicy {
  /** Throws an AppError when the actor may not take the action. */
  authorize(request: AccessRequest): void;
}

/**
 * A name as the four-eyes rule compares it: compatibility forms folded (full-width letters), invisible
 * characters removed, case ignored. `ａｌｉｃｅ`, `Alice`, `alice\u200b` and `alice\u3164` are one person; a
 * name of nothing but invisible characters is no name (empty). The same rule makes account names.
 */
export const personKey = normaliseAccountName;

/**
 * Two names are one person when they look alike: the skeleton folds the name first (case, full-width forms,
 * invisible characters), then letters of other scripts and digits that look like Latin letters.
 */
export function samePerson(a: string, b: string): boolean {
  return confusableSkeleton(a) === confusableSkeleton(b);
}

export const rolePolicy: AccessPolicy = {
  authorize({ principal, action, batch, approvedBy }) {
    const allowed = ACTION_ROLES[action];
    if (!allowed.some((role) => principal.roles.includes(role))) {
      throw new AppError('ROLE_REQUIRED', { action, roles: allowed.join(','), user: principal.name });
    }
    if (action !== 'batch.approve' || !batch) return;
    if (samePerson(batch.created_by, principal.name)) {
      throw new AppError('SAME_USER_APPROVAL', { batchId: batch.id, importer: batch.created_by });
    }
    for (const editor of editorsOf(batch)) {
      if (samePerson(editor, principal.name))
        throw new AppError('EDITOR_APPROVAL', { batchId: batch.id, editor });
    }
    for (const approver of approvedBy) {
      if (samePerson(approver, principal.name))
        throw new AppError('SAME_APPROVER_TWICE', { batchId: batch.id, approver });
    }
  },
};

function editorsOf(batch: BatchRecord): string[] {
  try {
    const editors: unknown = JSON.parse(batch.edited_by ?? '[]');
    return Array.isArray(editors) ? editors.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}
