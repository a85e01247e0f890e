/**
 * Who may do what: the single place where permissions are checked. Each action names the roles that may take
 * it; and nobody approves a batch they imported or edited (four eyes), nor gives both approvals of a batch
 * that needs two. Names are compared as people are: `ａｌｉｃｅ`, `Alice` and `alice\u200b` are one person.
 */
import type { Role } from '../../contract/records.js';
import { ACTION_ROLES, type Action } from '../../contract/roles.js';
import { confusableSkeleton, normaliseAccountName } from '../security/index.js';
import type { BatchRecord } from '../store/types.js';
import { AppError } from './errors.js';

// The table of which roles take which action is part of the contract: the renderer reads it to offer only
// what a person may do; this module enforces it.
export { ACTION_ROLES, type Action } from '../../contract/roles.js';

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

/** Approvals a batch needs: two different people when its total is above the second-approver total. */
export function approvalsNeeded(totalFen: number, secondApproverAboveFen: number | null): number {
  return secondApproverAboveFen !== null && totalFen > secondApproverAboveFen ? 2 : 1;
}

function editorsOf(batch: BatchRecord): string[] {
  try {
    const editors: unknown = JSON.parse(batch.edited_by ?? '[]');
    return Array.isArray(editors) ? editors.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}
