/**
 * How the console sends, resolved from the settings and, for one command line run, its options: which
 * environment, which Gate, how fast, and the payout fields no file carries. The provider's rules are checked
 * here, once, for every shell.
 */
import type { EnvironmentName, PayoutDefaultsView } from '../../contract/records.js';
import type { PayoutDefaults } from '../providers/ecommpay/types.js';
import {
  PRODUCTION_TIMING,
  PROVIDER_MIN_STATUS_DELAY_MS,
  type SubmissionTiming,
} from '../submission/config.js';
import { AppError } from './errors.js';
import { EXPECT, expectedParams } from './expected.js';
import { applySettingsChanges, type Settings } from './settingsModel.js';

/** What one run may override (the command line's options); everything else comes from the settings. */
export interface SendingOverrides {
  environment?: EnvironmentName;
  /** The Gate's base URL: a `cup-payouts sandbox` elsewhere, or a production proxy. */
  gateUrl?: string;
  /** Computop Paygate's base URL (refund batches), the same way. */
  paygateUrl?: string;
  timing?: Partial<SubmissionTiming>;
  concurrency?: number;
  requestsPerSecond?: number;
  timeoutMs?: number;
  /** Checked like the settings' own payout defaults. */
  payoutDefaults?: Partial<PayoutDefaultsView>;
}

export interface SendingConfig {
  environment: EnvironmentName;
  /** null: production's documented host, or (sandbox) the embedded emulator. */
  gateUrl: string | null;
  /** Computop Paygate's base URL, the same way (null: production's host, or the embedded emulator). */
  paygateUrl: string | null;
  timing: SubmissionTiming;
  concurrency: number;
  requestsPerSecond: number;
  timeoutMs: number;
  payoutDefaults: PayoutDefaults;
}

/** The entries that have a value (null and undefined left out). */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url);
}

export function resolveSendingConfig(saved: Settings, overrides: SendingOverrides = {}): SendingConfig {
  const settings = overrides.payoutDefaults
    ? applySettingsChanges(saved, { payout_defaults: overrides.payoutDefaults }).settings
    : saved;
  const environment = overrides.environment ?? settings.environment;
  const timeoutMs = overrides.timeoutMs ?? settings.sending.timeout_ms;
  const timing: SubmissionTiming = {
    ...PRODUCTION_TIMING,
    // "Not found" is trusted no sooner than a request can time out, however long the timeout is set.
    notFoundGraceMs: Math.max(PRODUCTION_TIMING.notFoundGraceMs, timeoutMs),
    ...definedOnly(overrides.timing ?? {}),
  };
  if (environment === 'production' && timing.statusDelayMs < PROVIDER_MIN_STATUS_DELAY_MS) {
    throw new AppError('TIMING_INVALID', { reason: 'production_delay', min: PROVIDER_MIN_STATUS_DELAY_MS });
  }
  // A request may still be processed until its timeout; "not found" before then proves nothing.
  if (timing.notFoundGraceMs < timeoutMs) {
    throw new AppError('TIMING_INVALID', { reason: 'grace_below_timeout', min: timeoutMs });
  }
  const gateUrl =
    overrides.gateUrl ?? (environment === 'production' ? settings.production_gate_url : null) ?? null;
  if (gateUrl !== null && !isHttpUrl(gateUrl)) {
    throw new AppError('SETTING_INVALID', { key: 'gate URL', ...expectedParams(EXPECT.url) });
  }
  const paygateUrl = overrides.paygateUrl ?? null;
  if (paygateUrl !== null && !isHttpUrl(paygateUrl)) {
    throw new AppError('SETTING_INVALID', { key: 'paygate URL', ...expectedParams(EXPECT.url) });
  }
  const stored = settings.payout_defaults;
  // No phone: every payout was stored with one (the default, when it filled the row at import).
  const payoutDefaults: PayoutDefaults = {
    customerIp: stored.customer_ip,
    country: 'CN',
    familyNameField: settings.family_name_field,
    ...definedOnly({
      city: stored.city,
      zip: stored.zip,
      street: stored.street,
      email: stored.email,
      description: stored.description,
    }),
  };
  return {
    environment,
    gateUrl,
    paygateUrl,
    timing,
    concurrency: overrides.concurrency ?? settings.sending.concurrency,
    requestsPerSecond: overrides.requestsPerSecond ?? settings.sending.requests_per_second,
    timeoutMs,
    payoutDefaults,
  };
}
