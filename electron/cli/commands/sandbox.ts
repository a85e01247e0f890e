import { parseCommandArgs, UsageError } from '../args.js';
import type { CliIo } from '../io.js';
import {
  FAULT_KINDS,
  MAX_RETRIED_OPERATIONS,
  startSandbox,
  type FaultKind,
  type SandboxOptions,
} from '../../sandbox/index.js';
import { METHOD_IDS } from '../../core/types.js';

const OPTIONS = {
  port: { type: 'string' },
  'fault-rate': { type: 'string' },
  faults: { type: 'string' },
  'latency-ms': { type: 'string' },
  'final-after-ms': { type: 'string' },
  seed: { type: 'string' },
  state: { type: 'string' },
  fields: { type: 'string' },
  'chinaunionpay-method': { type: 'string' },
  'status-signature-order': { type: 'string' },
  'retried-operations': { type: 'string' },
} as const;

/** One of the listed words, or undefined when the flag is absent. */
function oneOfFlag<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function integerFlag(
  flag: string,
  value: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > max)
    throw new UsageError(`${flag} must be a whole number from 0 to ${max}, not "${value}"`);
  return n;
}

function rateFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--fault-rate must be a number from 0 to 1, not "${value}"`);
  return n;
}

function faultsFlag(value: string | undefined): FaultKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind.length > 0);
  if (kinds.length === 0) throw new UsageError('--faults needs at least one fault kind');
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--faults: unknown fault kind "${kind}" (known: ${FAULT_KINDS.join(', ')})`);
    }
  }
  return kinds as FaultKind[];
}

function fieldsFlag(value: string | undefined): boolean | undefined {
  const fields = oneOfFlag('--fields', value, ['all', 'essential'] as const);
  return fields === undefined ? undefined : fields === 'all';
}

/** A numeric seed stays a number, so `--seed 42` reproduces `startSandbox({ seed: 42 })`. */
function seedFlag(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (value.length === 0) throw new UsageError('--seed must not be empty');
  return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}

export function parseSandboxArgs(argv: string[]): SandboxOptions {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`sandbox takes no file, got "${positionals.join(' ')}"`);
  const v = values as Record<string, string | undefined>;
  const options: SandboxOptions = {
    port: integerFlag('--port', v['port'], 65535),
    faultRate: rateFlag(v['fault-rate']),
    faults: faultsFlag(v['faults']),
    latencyMs: integerFlag('--latency-ms', v['latency-ms']),
    finalAfterMs: integerFlag('--final-after-ms', v['final-after-ms']),
    seed: seedFlag(v['seed']),
    statePath: v['state'],
    // all (default): every field the seeds make mandatory, as production; essential: only what a payout needs.
    requireAllFields: fieldsFlag(v['fields']),
    chinaunionpayMethod: oneOfFlag('--chinaunionpay-method', v['chinaunionpay-method'], [
      'any',
      ...METHOD_IDS,
    ] as const),
    statusSignatureOrder: oneOfFlag('--status-signature-order', v['status-signature-order'], [
      'documented',
      'sdk-numeric',
    ] as const),
    retriedOperations: integerFlag('--retried-operations', v['retried-operations'], MAX_RETRIED_OPERATIONS),
  };
  if (options.statePath === '') throw new UsageError('--state needs a file path');
  // Leave unset options out, so the sandbox's own defaults apply.
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as SandboxOptions;
}

export interface SandboxIo {
  /** Where the base URL goes (stdout by default). */
  out?: (line: string) => void;
  /** Where notes for humans go (stderr by default). */
  note?: (line: string) => void;
  /** Stops the server like SIGINT/SIGTERM do (for tests and embedding). */
  stop?: AbortSignal;
}

/** Resolves on SIGINT, SIGTERM or `stop`, whichever comes first, and removes its listeners. */
function untilStopped(stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done, { once: true });
  });
}

/** `cup-payouts sandbox …`: serves until stopped; exit code 0 after a clean close. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runSandbox(argv, {
    out: (text) => io.stdout.write(`${text}\n`),
    note: (text) => io.stderr.write(`${text}\n`),
    stop: io.stop,
  });
}

export async function runSandbox(argv: string[], io: SandboxIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => process.stdout.write(line + '\n'));
  const note = io.note ?? ((line: string) => process.stderr.write(line + '\n'));
  const options = parseSandboxArgs(argv);
  const sandbox = await startSandbox(options);
  // The URL is the first line of stdout: scripts and tests read it to find the port.
  out(sandbox.url);
  note(
    `Emulated ecommpay test project ${sandbox.projectId} (public test key "${sandbox.secretKey}"); ` +
      `Data API token "${sandbox.dataApiToken}". Ctrl+C to stop.`,
  );
  const paygate = sandbox.paygate;
  note(
    `Emulated Computop Paygate at the same base URL (${paygate.creditPath}, ${paygate.inquirePath}): ` +
      `test merchant "${paygate.merchantId}" (public test HMAC password "${paygate.hmacPassword}", ` +
      `Blowfish password "${paygate.blowfishPassword}").`,
  );
  await untilStopped(io.stop);
  await sandbox.close();
  return 0;
}
