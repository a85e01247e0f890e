/**
 * Actions that change something (each is also the audit trail's name for it), and which roles may take them: the specification the application layer enforces (core/app/access.ts)
 * and the renderer reads to offer only what the signed-in person may do. The renderer's reading is a
 * courtesy; the application layer's check is the rule.
 */
import type { Role } from './records.js';

const ROLES_BY_ACTION = {
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
  // Every person changes their own password.
  'users.change_password': ['admin', 'operator', 'approver', 'viewer'],
  'key.set_passphrase': ['admin'],
  'payouts.reveal': ['admin'],
  'database.backup': ['admin'],
  // The import wizard's saved column mappings: whoever imports keeps them, and an admin tidies them.
  'mapping_preset.save': ['operator', 'admin'],
  'mapping_preset.delete': ['operator', 'admin'],
  // Exporting masked results is a read open to every role; it is an action so that each export is audited.
  'batch.export': ['admin', 'operator', 'approver', 'viewer'],
  // Failed payouts paid again form a new draft: whoever imports makes it; it needs a fresh approval.
  'batch.retry': ['operator'],
  // Month-end reports are reads open to every role, audited like results exports. Clear card numbers in a
  // report also need 'payouts.reveal'.
  'report.export': ['admin', 'operator', 'approver', 'viewer'],
  // Reconciling stores a run; resolving an exception records a person's note. Neither changes a payout.
  'reconcile.run': ['admin', 'operator', 'approver'],
  'reconcile.resolve': ['admin', 'operator', 'approver'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ROLES_BY_ACTION;
export const ACTION_ROLES: Readonly<Record<Action, readonly Role[]>> = ROLES_BY_ACTION;

/** Whether someone holding these roles may take the action. */
export function rolesAllow(roles: readonly Role[], action: Action): boolean {
  return ACTION_ROLES[action].some((role) => roles.includes(role));
}
