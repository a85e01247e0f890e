/** The options that choose where and how payouts are sent, read into the application layer's overrides. */
import type { SendingOverrides } from '../../core/app/sendingConfig.js';
import { integerOption, requireOne, type Options, type Values } from '../args.js';

export const GATE_OPTIONS = {
  gate: { type: 'string' },
  /** Computop Paygate's base URL for refund batches, the way --gate names ecommpay's. */
  paygate: { type: 'string' },
  env: { type: 'string' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'status-delay-ms': { type: 'string' },
  'poll-initial-ms': { type: 'string' },
  'poll-max-ms': { type: 'string' },
  'not-found-grace-ms': { type: 'string' },
  'not-found-confirmations': { type: 'string' },
  'threshold-ms': { type: 'string' },
  'payout-ip': { type: 'string' },
  'payout-city': { type: 'string' },
  'payout-zip': { type: 'string' },
  'payout-street': { type: 'string' },
  'payout-email': { type: 'string' },
  'payout-description': { type: 'string' },
} as const satisfies Options;

/** The `--payout-*` flags that fill mandatory fields a file leaves empty, and the default each one sets. */
export const PAYOUT_DEFAULT_FLAGS = {
  'payout-city': 'city',
  'payout-zip': 'zip',
  'payout-street': 'street',
  'payout-email': 'email',
  'payout-description': 'description',
} as const;

const PAYOUT_FIELDS = { 'payout-ip': 'customer_ip', ...PAYOUT_DEFAULT_FLAGS } as const;

/** The given, non-blank values of `flags`, keyed by the default they set. */
export function payoutDefaultsOf<F extends Record<string, string>>(
  values: Values,
  flags: F,
): Partial<Record<F[keyof F], string>> {
  const defaults: Partial<Record<string, string>> = {};
  for (const [flag, field] of Object.entries(flags)) {
    const value = values[flag];
    if (typeof value === 'string' && value.trim() !== '') defaults[field] = value.trim();
  }
  return defaults as Partial<Record<F[keyof F], string>>;
}

/** Syntax only (whole numbers, known names): what the values mean is checked by the application layer. */
export function sendingOverrides(values: Values): SendingOverrides {
  const overrides: SendingOverrides = {};
  const set = <K extends keyof SendingOverrides>(key: K, value: SendingOverrides[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  set('environment', requireOne(values['env'], ['sandbox', 'production'] as const, '--env'));
  set('gateUrl', typeof values['gate'] === 'string' ? values['gate'] : undefined);
  set('paygateUrl', typeof values['paygate'] === 'string' ? values['paygate'] : undefined);
  set('concurrency', integerOption(values, 'concurrency', 1));
  set('requestsPerSecond', integerOption(values, 'rate', 0));
  set('timeoutMs', integerOption(values, 'timeout-ms', 1));
  const timing = {
    statusDelayMs: integerOption(values, 'status-delay-ms', 0),
    pollInitialMs: integerOption(values, 'poll-initial-ms', 1),
    pollMaxMs: integerOption(values, 'poll-max-ms', 1),
    notFoundGraceMs: integerOption(values, 'not-found-grace-ms', 0),
    notFoundConfirmations: integerOption(values, 'not-found-confirmations', 1),
    thresholdMs: integerOption(values, 'threshold-ms', 1),
  };
  if (Object.values(timing).some((v) => v !== undefined)) overrides.timing = timing;
  const payout = payoutDefaultsOf(values, PAYOUT_FIELDS);
  if (Object.keys(payout).length > 0) overrides.payoutDefaults = payout;
  return overrides;
}
