/**
 * The settings screen's pure logic: each form's fields read from the saved settings, and the changes a form
 * asks for (only what differs, so an unchanged form sends nothing). Amounts are typed as yuan text and kept
 * as integer fen; no floating-point arithmetic anywhere.
 */
import type { SettingsChanges } from '../../../../../electron/contract/operations';
import type { OperationError } from '../../../../../electron/contract/result';
import {
  ROLES,
  type BankListDiffView,
  type FetchedBankListView,
  type MethodId,
  type Role,
  type Settings,
  type ShippedBankTableView,
  type UserView,
} from '../../../../../electron/contract/records';
import { formatFen, parseYuan } from '../../../format';

export const METHODS: readonly MethodId[] = ['cup-p2p', 'cup-quickpay', 'cup-banks'];

/** ecommpay's production Gate, used when no other address is set. */
export const DOCUMENTED_GATE_URL = 'https://api.ecommpay.com';

/** Fen as the text an amount field starts with: 44,999.00 (the ¥ is the field's prefix). */
export function amountText(fen: number): string {
  return formatFen(fen);
}

/** Text typed in a form, as the setting stores it: trimmed, and empty meaning "none". */
function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------------
// General: where payouts go, and how fast

export interface GeneralForm {
  environment: Settings['environment'];
  /** Empty: the documented Gate. */
  gateUrl: string;
  concurrency: number;
  requestsPerSecond: number;
  timeoutSeconds: number;
}

export function generalForm(settings: Settings): GeneralForm {
  return {
    environment: settings.environment,
    gateUrl: settings.production_gate_url ?? '',
    concurrency: settings.sending.concurrency,
    requestsPerSecond: settings.sending.requests_per_second,
    // Whole seconds on screen; the setting is in milliseconds and always a whole number of them.
    timeoutSeconds: Math.round(settings.sending.timeout_ms / 1000),
  };
}

export function generalChanges(settings: Settings, form: GeneralForm): SettingsChanges {
  const changes: SettingsChanges = {};
  if (form.environment !== settings.environment) changes.environment = form.environment;
  const gateUrl = textOrNull(form.gateUrl);
  if (gateUrl !== settings.production_gate_url) changes.production_gate_url = gateUrl;
  const sending: Partial<Settings['sending']> = {};
  if (form.concurrency !== settings.sending.concurrency) sending.concurrency = form.concurrency;
  if (form.requestsPerSecond !== settings.sending.requests_per_second)
    sending.requests_per_second = form.requestsPerSecond;
  if (form.timeoutSeconds !== generalForm(settings).timeoutSeconds)
    sending.timeout_ms = form.timeoutSeconds * 1000;
  if (Object.keys(sending).length > 0) changes.sending = sending;
  return changes;
}

/** Whether saving these changes starts sending real money: production chosen where it was not. */
export function switchesToProduction(settings: Settings, changes: SettingsChanges): boolean {
  return changes.environment === 'production' && settings.environment !== 'production';
}

// ---------------------------------------------------------------------------------------------------------
// Organisation defaults and the name order

export type DefaultField = 'description' | 'customer_ip' | 'email' | 'phone' | 'street' | 'city' | 'zip';
/** In the order the form shows them: the payment, how to reach the payer, then the address as it reads. */
export const DEFAULT_FIELDS: readonly DefaultField[] = [
  'description',
  'customer_ip',
  'email',
  'phone',
  'street',
  'city',
  'zip',
];

export interface DefaultsForm {
  fields: Record<DefaultField, string>;
  familyNameField: Settings['family_name_field'];
}

export function defaultsForm(settings: Settings): DefaultsForm {
  const stored = settings.payout_defaults;
  return {
    fields: {
      description: stored.description ?? '',
      customer_ip: stored.customer_ip,
      email: stored.email ?? '',
      phone: stored.phone ?? '',
      zip: stored.zip ?? '',
      street: stored.street ?? '',
      city: stored.city ?? '',
    },
    familyNameField: settings.family_name_field,
  };
}

export function defaultsChanges(settings: Settings, form: DefaultsForm): SettingsChanges {
  const changes: SettingsChanges = {};
  const defaults: Partial<Settings['payout_defaults']> = {};
  for (const field of DEFAULT_FIELDS) {
    const typed = form.fields[field];
    if (field === 'customer_ip') {
      // The payer's IP is required: it has no "none".
      if (typed.trim() !== settings.payout_defaults.customer_ip) defaults.customer_ip = typed.trim();
    } else if (textOrNull(typed) !== settings.payout_defaults[field]) {
      defaults[field] = textOrNull(typed);
    }
  }
  if (Object.keys(defaults).length > 0) changes.payout_defaults = defaults;
  if (form.familyNameField !== settings.family_name_field) changes.family_name_field = form.familyNameField;
  return changes;
}

/**
 * The field a refusal of the defaults form is about, to show it under that field. The main process names
 * the setting it refuses (SETTING_INVALID: "payout_defaults.phone") in its message, in either language.
 */
export function refusedDefaultField(error: OperationError | null): DefaultField | null {
  if (error?.code !== 'SETTING_INVALID') return null;
  const named = /\bpayout_defaults\.([a-z_]+)/.exec(error.message)?.[1] ?? '';
  return (DEFAULT_FIELDS as readonly string[]).includes(named) ? (named as DefaultField) : null;
}

/**
 * The provider's two name fields for a payee, as this setting fills them: the file's family name (姓) and
 * given name (名) go to customer.first_name and customer.last_name in the order chosen.
 */
export function nameFieldsFor(
  familyNameField: Settings['family_name_field'],
  family: string,
  given: string,
): { first_name: string; last_name: string } {
  return familyNameField === 'first_name'
    ? { first_name: family, last_name: given }
    : { first_name: given, last_name: family };
}

// ---------------------------------------------------------------------------------------------------------
// Limits and rules

export interface MethodLimitForm {
  /** Own limits set; off: the documented ones apply. */
  own: boolean;
  min: string;
  max: string;
}

export interface LimitsForm {
  limits: Record<MethodId, MethodLimitForm>;
  panKind: Record<MethodId, 'card' | 'account'>;
  duplicateWindowDays: number;
  secondApprover: boolean;
  secondApproverAbove: string;
}

export function limitsForm(settings: Settings): LimitsForm {
  const limits = {} as Record<MethodId, MethodLimitForm>;
  const panKind = {} as Record<MethodId, 'card' | 'account'>;
  for (const method of METHODS) {
    const own = settings.limits[method];
    const shown = own ?? settings.provider_limits[method];
    limits[method] = {
      own: own !== undefined,
      min: amountText(shown.min_fen),
      max: amountText(shown.max_fen),
    };
    panKind[method] = settings.pan_kind[method] ?? 'card';
  }
  const above = settings.second_approver_above_fen;
  return {
    limits,
    panKind,
    duplicateWindowDays: settings.duplicate_window_days,
    secondApprover: above !== null,
    secondApproverAbove: above === null ? '' : amountText(above),
  };
}

/**
 * The changes the limits form asks for. Call it on a form that passed its rules: an amount that does not
 * read as yuan is left out rather than guessed.
 */
export function limitsChanges(settings: Settings, form: LimitsForm): SettingsChanges {
  const changes: SettingsChanges = {};
  // null takes a method back to its documented limits.
  const limits: NonNullable<SettingsChanges['limits']> = {};
  const panKind: Partial<Record<MethodId, 'card' | 'account' | null>> = {};
  for (const method of METHODS) {
    const typed = form.limits[method];
    const current = settings.limits[method];
    if (!typed.own) {
      if (current !== undefined) limits[method] = null;
    } else {
      const min = parseYuan(typed.min);
      const max = parseYuan(typed.max);
      if (min !== null && max !== null && !same(current, { min_fen: min, max_fen: max }))
        limits[method] = { min_fen: min, max_fen: max };
    }
    const kind = form.panKind[method];
    if (kind !== (settings.pan_kind[method] ?? 'card')) panKind[method] = kind === 'card' ? null : kind;
  }
  if (Object.keys(limits).length > 0) changes.limits = limits;
  if (Object.keys(panKind).length > 0) changes.pan_kind = panKind;
  if (form.duplicateWindowDays !== settings.duplicate_window_days)
    changes.duplicate_window_days = form.duplicateWindowDays;
  const above = form.secondApprover ? parseYuan(form.secondApproverAbove) : null;
  if ((!form.secondApprover || above !== null) && above !== settings.second_approver_above_fen)
    changes.second_approver_above_fen = above;
  return changes;
}

/**
 * The method a refusal of the limits form is about (LIMITS_OUTSIDE_PROVIDER), to show it beside that
 * method's limits: the one method the refused save set own limits for. Null when it cannot be told (the
 * refusal is then shown with the form's other refusals).
 */
export function refusedLimitsMethod(error: OperationError | null, asked: SettingsChanges): MethodId | null {
  if (error?.code !== 'LIMITS_OUTSIDE_PROVIDER') return null;
  const set = Object.entries(asked.limits ?? {}).filter(([, limits]) => limits !== null);
  return set.length === 1 ? (set[0]?.[0] as MethodId) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Sign-in protection

export interface SignInForm {
  idleMinutes: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
}

export function signInForm(settings: Settings): SignInForm {
  return {
    idleMinutes: settings.session_idle_minutes,
    lockoutAttempts: settings.lockout.attempts,
    lockoutMinutes: settings.lockout.minutes,
  };
}

export function signInChanges(settings: Settings, form: SignInForm): SettingsChanges {
  const changes: SettingsChanges = {};
  if (form.idleMinutes !== settings.session_idle_minutes) changes.session_idle_minutes = form.idleMinutes;
  const lockout: Partial<Settings['lockout']> = {};
  if (form.lockoutAttempts !== settings.lockout.attempts) lockout.attempts = form.lockoutAttempts;
  if (form.lockoutMinutes !== settings.lockout.minutes) lockout.minutes = form.lockoutMinutes;
  if (Object.keys(lockout).length > 0) changes.lockout = lockout;
  return changes;
}

// ---------------------------------------------------------------------------------------------------------
// Bank lists

/** One method's line on the bank lists tab: its shipped table and the last list fetched for it. */
export interface BankListRow {
  method: MethodId;
  shipped: number;
  fetched: FetchedBankListView | null;
  /** How many banks differ (added, removed and renamed together); 0 when nothing was fetched. */
  differences: number;
  /** The shipped table's Chinese names by bank ID, to name removed and renamed banks as staff know them. */
  namesZh: Record<number, string>;
}

export function diffSize(diff: BankListDiffView): number {
  return diff.added.length + diff.removed.length + diff.renamed.length;
}

export function bankListRows(
  shipped: readonly ShippedBankTableView[],
  fetched: readonly FetchedBankListView[],
): BankListRow[] {
  return METHODS.filter((method) => shipped.some((table) => table.method === method)).map((method) => {
    const list = fetched.find((entry) => entry.method === method) ?? null;
    const banks = shipped.find((table) => table.method === method)?.banks ?? [];
    const namesZh: Record<number, string> = {};
    for (const bank of banks) if (bank.name_zh && !(bank.id in namesZh)) namesZh[bank.id] = bank.name_zh;
    return {
      method,
      shipped: banks.length,
      fetched: list,
      differences: list ? diffSize(list.diff) : 0,
      namesZh,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Users

/** Whether an account may be offered for disabling: not one's own, not already disabled. */
export function mayDisable(user: UserView, signedIn: string | null): boolean {
  return !user.disabled && user.name !== signedIn;
}

/** Whether an account may be offered for enabling: a disabled one. */
export function mayEnable(user: UserView): boolean {
  return user.disabled;
}

/** Roles as chosen, in the console's order (admin, operator, approver, viewer), each once. */
export function orderedRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** Whether the roles chosen differ from the account's (in any order). */
export function rolesChanged(user: UserView, chosen: readonly Role[]): boolean {
  const now = orderedRoles(user.roles);
  const next = orderedRoles(chosen);
  return now.length !== next.length || now.some((role, index) => role !== next[index]);
}

/** Accounts in use first, then by name. */
export function sortedUsers(users: readonly UserView[]): UserView[] {
  return [...users].sort(
    (a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name, 'en'),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Backup

/**
 * Where a backup would go unless the admin says otherwise: beside the database, named by the time, so it
 * never names a file that exists (the main process refuses to overwrite one).
 */
export function backupSuggestion(databasePath: string | null, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const name = `console-backup-${stamp}.sqlite`;
  if (!databasePath) return '';
  const cut = Math.max(databasePath.lastIndexOf('/'), databasePath.lastIndexOf('\\'));
  return cut < 0 ? name : `${databasePath.slice(0, cut + 1)}${name}`;
}
