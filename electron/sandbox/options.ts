import { SOURCE_REFERENCE_DIR } from '../core/paths.js';
import {
  TEST_DATA_API_SECRET,
  TEST_DATA_API_TOKEN,
  TEST_PROJECT_ID,
  TEST_PROJECT_SECRET_KEY,
} from '../core/providers/ecommpay/testProject.js';
import { SIGNATURE_ORDERS, type SignatureOrder } from '../core/providers/ecommpay/signature.js';
import { METHOD_IDS, type MethodId } from '../core/types.js';
import { FAULT_KINDS, type FaultKind } from './faults.js';

/** The built-in test project (its facts are the console's too: core signs sandbox traffic with them). */
export const SANDBOX_PROJECT_ID = TEST_PROJECT_ID;
export const SANDBOX_SECRET_KEY = TEST_PROJECT_SECRET_KEY;
export const SANDBOX_DATA_API_TOKEN = TEST_DATA_API_TOKEN;
export const SANDBOX_DATA_API_SECRET = TEST_DATA_API_SECRET;

/**
 * Whether a payout must carry every field the seeds list as mandatory (customer contact and address, bank
 * branch and city included), as production does. On by default; off (`requireAllFields: false`) only the
 * fields a payout cannot be made without are required, for tests of old clients.
 */
export const DEFAULT_REQUIRE_ALL_FIELDS = true;

/** The most earlier payout operations a status answer may list (see `retriedOperations`). */
export const MAX_RETRIED_OPERATIONS = 50;

export interface SandboxOptions {
  /** 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1: the emulator never listens beyond loopback unless told to. */
  host?: string;
  projectId?: number;
  secretKey?: string;
  /** A registered payout stays `processing` this long, then turns final (default 2000). */
  finalAfterMs?: number;
  /** Base latency added to every provider answer (default 0); /__sandbox/* answers immediately. */
  latencyMs?: number;
  /** 0..1: probability that a payout or status request gets a fault (default 0). */
  faultRate?: number;
  /** Kinds to draw from, uniformly (default: all). */
  faults?: FaultKind[];
  /** Extra delay range of the `latency` fault (default 200..1500 ms). */
  faultLatencyMs?: { min: number; max: number };
  /** Seed of the fault PRNG (default 1): the same seed and request order give the same faults. */
  seed?: number | string;
  /** SQLite file keeping the ledger across restarts; in memory without it. */
  statePath?: string;
  /** better-sqlite3 binding built for Electron's ABI, when embedded in the desktop app. */
  nativeBinding?: string;
  /** Folder with methods.json, banks and regions (default: the repository's resources/reference). */
  referenceDir?: string;
  dataApiToken?: string;
  dataApiSecret?: string;
  /**
   * Refuse (400, code 2004, naming the field) a payout without any field the seeds say "must be specified in
   * any request": general.project_id, payment_id, signature; payment.amount, currency, description;
   * customer.id, ip_address, email, state, city, country (CN), phone, zip, street, first_name, last_name;
   * card.pan; account.bank_id, region_id, branch, city. Default DEFAULT_REQUIRE_ALL_FIELDS; when off, only
   * payment_id, amount, currency, the names, pan, bank_id and region_id are required.
   */
  requireAllFields?: boolean;
  /**
   * What the shared `/v2/payment/chinaunionpay/payout` path pays: `any` (default) takes a bank from any
   * method's list within the widest limits, recording the first method that accepts it; a method id makes it
   * that method's path, as a production project configured for one method. The per-method paths
   * `/v2/payment/banks/{method}/payout` always apply their method's list and limits. The shared bank-list
   * path lists the configured method's banks (cup-p2p for `any`, the method seed 000 documents it for).
   */
  chinaunionpayMethod?: MethodId | 'any';
  /**
   * The order status answers are signed in: `documented` (default), or `sdk-numeric`, as the provider's PHP and
   * JavaScript SDKs sort arrays of 11 or more elements (see core/providers/ecommpay/signature.ts).
   */
  statusSignatureOrder?: SignatureOrder;
  /**
   * Each payment's status answer lists this many earlier payout operations (attempts that timed out, code
   * 20602) before its current one (default 0, at most MAX_RETRIED_OPERATIONS). With 10 or more, `operations[]`
   * has 11+ entries, where the documented and the SDKs' signature orders differ.
   */
  retriedOperations?: number;
  /** Clock in epoch ms, injectable for tests. */
  now?: () => number;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'statePath' | 'nativeBinding'>> &
  Pick<SandboxOptions, 'statePath' | 'nativeBinding'>;

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  projectId: SANDBOX_PROJECT_ID,
  secretKey: SANDBOX_SECRET_KEY,
  finalAfterMs: 2000,
  latencyMs: 0,
  faultRate: 0,
  faultLatencyMs: { min: 200, max: 1500 },
  seed: 1,
  referenceDir: SOURCE_REFERENCE_DIR,
  dataApiToken: SANDBOX_DATA_API_TOKEN,
  dataApiSecret: SANDBOX_DATA_API_SECRET,
  requireAllFields: DEFAULT_REQUIRE_ALL_FIELDS,
  chinaunionpayMethod: 'any' as const,
  statusSignatureOrder: 'documented' as const,
  retriedOperations: 0,
};

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`sandbox option ${name} must be an integer from ${min} to ${max}, not ${value}`);
  }
  return value;
}

function requireText(name: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`sandbox option ${name} must be a non-empty string`);
  }
  return value;
}

function resolveFaults(faults: FaultKind[] | undefined): FaultKind[] {
  if (faults === undefined) return [...FAULT_KINDS];
  if (faults.length === 0) throw new RangeError('sandbox option faults must name at least one fault kind');
  for (const kind of faults) {
    if (!FAULT_KINDS.includes(kind)) {
      throw new RangeError(`unknown fault kind "${String(kind)}" (known: ${FAULT_KINDS.join(', ')})`);
    }
  }
  return [...faults];
}

function requireBoolean(name: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`sandbox option ${name} must be true or false`);
  return value;
}

function requireOneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new RangeError(
      `sandbox option ${name} must be one of ${allowed.join(', ')}, not "${String(value)}"`,
    );
  }
  return value;
}

/** Fills in defaults and refuses values that would make the emulator behave oddly. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const faultRate = options.faultRate ?? DEFAULTS.faultRate;
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1) {
    throw new RangeError(`sandbox option faultRate must be between 0 and 1, not ${faultRate}`);
  }
  const range = options.faultLatencyMs ?? DEFAULTS.faultLatencyMs;
  requireInteger('faultLatencyMs.min', range.min, 0);
  requireInteger('faultLatencyMs.max', range.max, range.min);
  const seed = options.seed ?? DEFAULTS.seed;
  if (typeof seed === 'number' && !Number.isFinite(seed))
    throw new RangeError('sandbox option seed must be finite');

  return {
    port: requireInteger('port', options.port ?? DEFAULTS.port, 0, 65535),
    host: requireText('host', options.host ?? DEFAULTS.host),
    projectId: requireInteger('projectId', options.projectId ?? DEFAULTS.projectId, 1),
    secretKey: requireText('secretKey', options.secretKey ?? DEFAULTS.secretKey),
    finalAfterMs: requireInteger('finalAfterMs', options.finalAfterMs ?? DEFAULTS.finalAfterMs, 0),
    latencyMs: requireInteger('latencyMs', options.latencyMs ?? DEFAULTS.latencyMs, 0),
    faultRate,
    faults: resolveFaults(options.faults),
    faultLatencyMs: { min: range.min, max: range.max },
    seed,
    statePath: options.statePath,
    nativeBinding: options.nativeBinding,
    referenceDir: requireText('referenceDir', options.referenceDir ?? DEFAULTS.referenceDir),
    dataApiToken: requireText('dataApiToken', options.dataApiToken ?? DEFAULTS.dataApiToken),
    dataApiSecret: requireText('dataApiSecret', options.dataApiSecret ?? DEFAULTS.dataApiSecret),
    requireAllFields: requireBoolean(
      'requireAllFields',
      options.requireAllFields ?? DEFAULTS.requireAllFields,
    ),
    chinaunionpayMethod: requireOneOf<MethodId | 'any'>(
      'chinaunionpayMethod',
      options.chinaunionpayMethod ?? DEFAULTS.chinaunionpayMethod,
      ['any', ...METHOD_IDS],
    ),
    statusSignatureOrder: requireOneOf(
      'statusSignatureOrder',
      options.statusSignatureOrder ?? DEFAULTS.statusSignatureOrder,
      SIGNATURE_ORDERS,
    ),
    retriedOperations: requireInteger(
      'retriedOperations',
      options.retriedOperations ?? DEFAULTS.retriedOperations,
      0,
      MAX_RETRIED_OPERATIONS,
    ),
    now: options.now ?? Date.now,
  };
}
