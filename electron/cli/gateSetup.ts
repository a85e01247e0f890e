import { GateClient } from '../core/gate/client.js';
import { buildPayoutRequest } from '../core/gate/payoutRequest.js';
import type { GateEndpoint, PayoutDefaults } from '../core/gate/types.js';
import { productionGateEndpoint, sandboxEndpoint, type EnvironmentName } from '../core/environments.js';
import type { ReferenceData } from '../core/reference/referenceData.js';
import type { PayoutRow } from '../core/submission/journal.js';
import {
  PROVIDER_MIN_STATUS_DELAY_MS,
  PRODUCTION_TIMING,
  type SubmissionTiming,
} from '../core/submission/config.js';
import { startSandbox } from '../sandbox/index.js';
import { UsageError } from './args.js';

export const GATE_OPTIONS = {
  gate: { type: 'string' },
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
} as const;

export const GATE_USAGE = `Gate options: [--gate URL] [--env sandbox|production] [--concurrency N] [--rate N/s] [--timeout-ms N]
  Timing: [--status-delay-ms N] [--poll-initial-ms N] [--poll-max-ms N] [--not-found-grace-ms N]
          [--not-found-confirmations N] [--threshold-ms N]
  Payout fields no file carries: [--payout-ip IP] [--payout-city C] [--payout-zip Z] [--payout-street S]
          [--payout-email E] [--payout-description D]
  Without --gate the sandbox runs in-process (its ledger is kept beside the database).`;

/**
 * The payout fields no file carries (the Gate's customer IP, address…), from --payout-* options; a row's
 * own values (bank city, email, description) win over these.
 */
function payoutDefaults(values: Record<string, unknown>): PayoutDefaults {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const customerIp = text('payout-ip') ?? '127.0.0.1';
  if (!/^[0-9a-fA-F:.]+$/.test(customerIp))
    throw new UsageError('--payout-ip must be an IPv4 or IPv6 address.');
  const defaults: PayoutDefaults = { customerIp, country: 'CN' };
  const optional = {
    city: text('payout-city'),
    zip: text('payout-zip'),
    street: text('payout-street'),
    email: text('payout-email'),
    description: text('payout-description'),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(defaults, { [key]: value });
  return defaults;
}

function integerOption(values: Record<string, unknown>, name: string, fallback: number, min: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}.`);
  return value;
}

export interface GateSession {
  environment: EnvironmentName;
  endpoint: GateEndpoint;
  client: GateClient;
  timing: SubmissionTiming;
  concurrency: number;
  buildRequest: (row: PayoutRow) => unknown;
  close(): Promise<void>;
}

export interface GateSetupInput {
  values: Record<string, unknown>;
  dbPath: string;
  reference: ReferenceData;
  /** Loads the production project id and secret key; only called for --env production. */
  productionCredentials: () => { projectId: number; secretKey: string };
}

/** Connects the engine to the environment the command line asks for. */
export async function openGateSession({
  values,
  dbPath,
  reference,
  productionCredentials,
}: GateSetupInput): Promise<GateSession> {
  const environment = (values['env'] ?? 'sandbox') as string;
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new UsageError(`--env must be sandbox or production, not "${environment}".`);
  }
  const timing: SubmissionTiming = {
    statusDelayMs: integerOption(values, 'status-delay-ms', PRODUCTION_TIMING.statusDelayMs, 0),
    pollInitialMs: integerOption(values, 'poll-initial-ms', PRODUCTION_TIMING.pollInitialMs, 1),
    pollMaxMs: integerOption(values, 'poll-max-ms', PRODUCTION_TIMING.pollMaxMs, 1),
    notFoundGraceMs: integerOption(values, 'not-found-grace-ms', PRODUCTION_TIMING.notFoundGraceMs, 0),
    notFoundConfirmations: integerOption(
      values,
      'not-found-confirmations',
      PRODUCTION_TIMING.notFoundConfirmations,
      1,
    ),
    thresholdMs: integerOption(values, 'threshold-ms', PRODUCTION_TIMING.thresholdMs, 1),
  };
  if (environment === 'production' && timing.statusDelayMs < PROVIDER_MIN_STATUS_DELAY_MS) {
    throw new UsageError(
      `In production a status query waits at least ${PROVIDER_MIN_STATUS_DELAY_MS} ms after sending.`,
    );
  }
  const timeoutMs = integerOption(values, 'timeout-ms', 30_000, 1);
  // A request may still be processed until its timeout; "not found" before then proves nothing.
  if (timing.notFoundGraceMs < timeoutMs) {
    throw new UsageError(`--not-found-grace-ms must be at least the request timeout (${timeoutMs} ms).`);
  }
  const concurrency = integerOption(values, 'concurrency', 8, 1);
  const gateUrl = values['gate'] as string | undefined;
  if (gateUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(gateUrl))
    throw new UsageError(`--gate must be an http(s) URL.`);

  let closeSandbox: () => Promise<void> = async () => {};
  let endpoint: GateEndpoint;
  if (environment === 'production') {
    const { projectId, secretKey } = productionCredentials();
    endpoint = productionGateEndpoint(projectId, secretKey, gateUrl);
  } else if (gateUrl) {
    endpoint = sandboxEndpoint(gateUrl);
  } else {
    // The embedded sandbox keeps its ledger beside the database, so a later `resume` or `status` in
    // another process still finds the payments this one registered.
    const sandbox = await startSandbox({ port: 0, statePath: `${dbPath}.sandbox.sqlite` });
    endpoint = sandboxEndpoint(sandbox.url);
    closeSandbox = () => sandbox.close();
  }

  const defaults = payoutDefaults(values);
  const client = new GateClient(endpoint, {
    concurrency,
    requestsPerSecond: integerOption(values, 'rate', 0, 0),
    timeoutMs,
    payoutDefaults: defaults,
  });
  const regions = new Map(reference.regions.map((region) => [region.id, region]));
  return {
    environment,
    endpoint,
    client,
    timing,
    concurrency,
    buildRequest: (row) =>
      buildPayoutRequest({ ...row, warnings: [] }, endpoint, defaults, regions.get(row.region_id)),
    close: async () => {
      client.close();
      await closeSandbox();
    },
  };
}
