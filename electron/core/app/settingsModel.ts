/**
 * The console's settings: their defaults, how stored values are read back, and the rules a change must pass.
 * Stored one JSON value per top-level key; a value that no longer passes the rules reads as its default.
 */
import type { SettingsChanges } from '../../contract/operations.js';
import type { MethodLimits, Settings as SettingsRecord } from '../../contract/records.js';
import { isIP } from 'node:net';
import { formatFen, parseAmountToFen } from '../money.js';
import type { ReferenceData } from '../reference/referenceData.js';
import { isValidPhone } from '../validation/phone.js';
import { EXPECT, expectedParams, type Expected } from './expected.js';
import { METHOD_IDS, type MethodId } from '../types.js';
import { AppError } from './errors.js';

/**
 * The settings as stored and changed: the record getSettings returns without the provider's documented
 * limits, which come from the reference data and are never stored.
 */
export type Settings = Omit<SettingsRecord, 'provider_limits'>;
export type { SettingsChanges };

export const DEFAULT_SETTINGS: Settings = {
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
  family_name_field: 'first_name',
  duplicate_window_days: 30,
  pan_kind: {},
  session_idle_minutes: 15,
  lockout: { attempts: 5, minutes: 15 },
  second_approver_above_fen: null,
};

const KEYS: ReadonlyArray<keyof Settings> = [
  'environment',
  'production_gate_url',
  'payout_defaults',
  'sending',
  'limits',
  'family_name_field',
  'duplicate_window_days',
  'pan_kind',
  'session_idle_minutes',
  'lockout',
  'second_approver_above_fen',
];

function invalid(key: string, expected: Expected): AppError {
  return new AppError('SETTING_INVALID', { key, ...expectedParams(expected) });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_EXPECTED: Expected = {
  en: 'a mainland mobile number, or a number with its country code after + or 00',
  zh: '中国大陆手机号，或以 + 或 00 开头、带国家代码的号码',
};
const URL_PATTERN = /^https?:\/\/[^\s]+$/;

function text(value: unknown, key: string, maxLength = 255): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > maxLength)
    throw invalid(key, EXPECT.textOrNullUpTo(maxLength));
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function wholeNumber(value: unknown, key: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(key, EXPECT.wholeFromTo(min, max));
  return value;
}

function objectOf(value: unknown, key: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(key, EXPECT.object);
  return value as Record<string, unknown>;
}

/**
 * A per-method setting merged over the current one: each method's value is read by `read`; null (or `read`
 * returning null) takes the method back to its default.
 */
function perMethod<T>(
  value: unknown,
  current: Partial<Record<MethodId, T>>,
  name: string,
  read: (raw: unknown, key: string) => T | null,
): Partial<Record<MethodId, T>> {
  const changes = objectOf(value, name);
  const next = { ...current };
  for (const [method, raw] of Object.entries(changes)) {
    const key = `${name}.${method}`;
    if (!(METHOD_IDS as readonly string[]).includes(method)) throw invalid(key, EXPECT.method);
    const setting = raw === null ? null : read(raw, key);
    if (setting === null) delete next[method as MethodId];
    else next[method as MethodId] = setting;
  }
  return next;
}

/** Checks one top-level value, merged over the current one; returns the new value. */
const CHECK: { [K in keyof Settings]: (value: unknown, current: Settings[K]) => Settings[K] } = {
  environment(value) {
    if (value !== 'sandbox' && value !== 'production') throw invalid('environment', EXPECT.environment);
    return value;
  },
  production_gate_url(value) {
    if (value === null) return null;
    if (typeof value !== 'string' || !URL_PATTERN.test(value) || !URL.canParse(value))
      throw invalid('production_gate_url', EXPECT.urlOrNull);
    return value;
  },
  payout_defaults(value, current) {
    const changes = objectOf(value, 'payout_defaults');
    const next = { ...current };
    for (const [field, raw] of Object.entries(changes)) {
      const key = `payout_defaults.${field}`;
      if (!(field in current)) throw invalid(key, EXPECT.knownPayoutDefault);
      if (field === 'customer_ip') {
        if (typeof raw !== 'string' || isIP(raw.trim()) === 0) throw invalid(key, EXPECT.ip);
        next.customer_ip = raw.trim();
        continue;
      }
      const cleaned = text(raw, key);
      if (field === 'email' && cleaned !== null && !EMAIL.test(cleaned)) throw invalid(key, EXPECT.email);
      // The default fills a row's empty phone cell, which is then checked like any other: check it now.
      if (field === 'phone' && cleaned !== null && !isValidPhone(cleaned)) throw invalid(key, PHONE_EXPECTED);
      Object.assign(next, { [field]: cleaned });
    }
    return next;
  },
  sending(value, current) {
    const changes = objectOf(value, 'sending');
    const next = { ...current };
    for (const [field, raw] of Object.entries(changes)) {
      const key = `sending.${field}`;
      if (field === 'concurrency') next.concurrency = wholeNumber(raw, key, 1, 64);
      else if (field === 'requests_per_second') next.requests_per_second = wholeNumber(raw, key, 0, 1000);
      else if (field === 'timeout_ms') next.timeout_ms = wholeNumber(raw, key, 1000, 600_000);
      else throw invalid(key, EXPECT.knownSending);
    }
    return next;
  },
  limits(value, current) {
    return perMethod(value, current, 'limits', (raw, key) => {
      const limits = objectOf(raw, key);
      const min = wholeNumber(limits['min_fen'], `${key}.min_fen`, 1, Number.MAX_SAFE_INTEGER);
      const max = wholeNumber(limits['max_fen'], `${key}.max_fen`, min, Number.MAX_SAFE_INTEGER);
      return { min_fen: min, max_fen: max };
    });
  },
  family_name_field(value) {
    if (value !== 'first_name' && value !== 'last_name')
      throw invalid('family_name_field', EXPECT.oneOf(['first_name', 'last_name']));
    return value;
  },
  duplicate_window_days(value) {
    return wholeNumber(value, 'duplicate_window_days', 0, 3660);
  },
  session_idle_minutes(value) {
    return wholeNumber(value, 'session_idle_minutes', 1, 480);
  },
  lockout(value, current) {
    const changes = objectOf(value, 'lockout');
    const next = { ...current };
    for (const [field, raw] of Object.entries(changes)) {
      if (field === 'attempts') next.attempts = wholeNumber(raw, 'lockout.attempts', 3, 20);
      else if (field === 'minutes') next.minutes = wholeNumber(raw, 'lockout.minutes', 1, 1440);
      else throw invalid(`lockout.${field}`, EXPECT.oneOf(['attempts', 'minutes']));
    }
    return next;
  },
  second_approver_above_fen(value) {
    if (value === null) return null;
    return wholeNumber(value, 'second_approver_above_fen', 0, Number.MAX_SAFE_INTEGER);
  },
  pan_kind(value, current) {
    return perMethod(value, current, 'pan_kind', (kind, key) => {
      if (kind === 'card') return null;
      if (kind === 'account') return 'account';
      throw invalid(key, EXPECT.oneOf(['card', 'account']));
    });
  },
};

/** The settings from what is stored: each key checked again, its default where it is missing or unusable. */
export function readSettings(stored: Record<string, unknown>): Settings {
  const settings = structuredClone(DEFAULT_SETTINGS);
  for (const key of KEYS) {
    if (!(key in stored)) continue;
    try {
      Object.assign(settings, { [key]: CHECK[key](stored[key] as never, settings[key] as never) });
    } catch {
      // A stored value that fails today's rules (written by hand, or by an older version) is not used.
    }
  }
  return settings;
}

/** Applies changes to the current settings; returns the new settings and the top-level keys that changed. */
export function applySettingsChanges(
  current: Settings,
  changes: SettingsChanges,
): { settings: Settings; changed: Partial<Settings> } {
  const settings = structuredClone(current);
  const changed: Partial<Settings> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!(KEYS as readonly string[]).includes(key)) throw invalid(key, EXPECT.knownSetting);
    if (value === undefined) continue;
    const k = key as keyof Settings;
    const next = CHECK[k](value as never, settings[k] as never);
    Object.assign(settings, { [k]: next });
    Object.assign(changed, { [k]: next });
  }
  return { settings, changed };
}

/** Each method's documented limits, as the reference data gives them (resources/reference/methods.json). */
export function documentedLimits(reference: ReferenceData): Record<MethodId, MethodLimits> {
  const limits: Partial<Record<MethodId, MethodLimits>> = {};
  for (const [id, method] of reference.methods)
    limits[id] = { min_fen: method.limits.min_fen, max_fen: method.limits.max_fen };
  return limits as Record<MethodId, MethodLimits>;
}

function withinDocumented(own: MethodLimits, documented: MethodLimits | undefined): boolean {
  return documented === undefined || (own.min_fen >= documented.min_fen && own.max_fen <= documented.max_fen);
}

/**
 * Own limits a change sets must lie within the method's documented ones: the provider refuses the rest.
 * `methods` are the methods the change names; the others keep what they have.
 */
export function requireLimitsWithinProvider(
  limits: Settings['limits'],
  methods: readonly string[],
  reference: ReferenceData,
): void {
  for (const id of methods) {
    const own = limits[id as MethodId];
    const method = reference.methods.get(id as MethodId);
    if (own === undefined || method === undefined || withinDocumented(own, method.limits)) continue;
    throw new AppError('LIMITS_OUTSIDE_PROVIDER', {
      method: method.name_en,
      method_zh: method.name_zh,
      min: formatFen(method.limits.min_fen),
      max: formatFen(method.limits.max_fen),
    });
  }
}

/**
 * The own limits that apply: those within the documented ones. Limits stored before that rule and outside
 * it are not used (the method's documented limits apply), as any stored value that fails today's rules.
 */
export function ownLimitsWithinProvider(
  limits: Settings['limits'],
  reference: ReferenceData,
): Settings['limits'] {
  const documented = documentedLimits(reference);
  return Object.fromEntries(
    Object.entries(limits).filter(([id, own]) => withinDocumented(own, documented[id as MethodId])),
  );
}

/** The settings as getSettings and changeSettings report them, with each method's documented limits. */
export function settingsRecord(settings: Settings, reference: ReferenceData): SettingsRecord {
  return {
    ...settings,
    limits: ownLimitsWithinProvider(settings.limits, reference),
    provider_limits: documentedLimits(reference),
  };
}

/**
 * One setting from the command line, `KEY VALUE` in text: `environment production`, `payout.city 上海`,
 * `sending.timeout-ms 20000`, `limits.cup-p2p 10.00-44999.00`, `limits.cup-p2p default`.
 */
export function settingFromText(key: string, value: string): SettingsChanges {
  const [group = '', field] = key.split('.', 2);
  const nameOf = (name: string) => name.replaceAll('-', '_');
  const orNull = (v: string) => (v === '' || v === 'none' ? null : v);
  const asNumber = (v: string) => (/^\d+$/.test(v) ? Number(v) : Number.NaN);
  if (key === 'environment') return { environment: value as Settings['environment'] };
  if (key === 'gate-url' || key === 'production-gate-url') return { production_gate_url: orNull(value) };
  if (group === 'payout' && field) {
    const name = field === 'ip' ? 'customer_ip' : nameOf(field);
    return { payout_defaults: { [name]: name === 'customer_ip' ? value : orNull(value) } };
  }
  if (group === 'sending' && field) {
    const name = field === 'rate' ? 'requests_per_second' : nameOf(field);
    return { sending: { [name]: asNumber(value) } };
  }
  if (key === 'family-name-field' || key === 'family_name_field')
    return { family_name_field: value as Settings['family_name_field'] };
  if (key === 'duplicate-window-days' || key === 'duplicate_window_days')
    return { duplicate_window_days: asNumber(value) };
  if (key === 'session-idle-minutes' || key === 'session_idle_minutes')
    return { session_idle_minutes: asNumber(value) };
  if (group === 'lockout' && field) return { lockout: { [field]: asNumber(value) } };
  if (key === 'second-approver-above' || key === 'second_approver_above') {
    if (value === 'none' || value === 'off') return { second_approver_above_fen: null };
    const fen = parseAmountToFen(value.trim());
    if (fen == null) throw invalid(key, EXPECT.limitsText);
    return { second_approver_above_fen: fen };
  }
  if (group === 'pan' && field) return { pan_kind: { [field]: value } as unknown as Settings['pan_kind'] };
  if (group === 'limits' && field) {
    if (value === 'default') return { limits: { [field]: null } };
    const [min, max, ...rest] = value.split('-').map((part) => parseAmountToFen(part.trim()));
    if (min == null || max == null || rest.length > 0) throw invalid(key, EXPECT.limitsText);
    return { limits: { [field]: { min_fen: min, max_fen: max } } };
  }
  throw invalid(key, EXPECT.knownSetting);
}
