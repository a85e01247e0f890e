/**
 * The sending service: turns an environment into a provider adapter and a submission engine, and runs the
 * engine, once (the command line) or for as long as the console is open (the desktop app).
 *
 * A batch is bound to the environment it was first sent to (name, Gate, project id): every later run follows
 * each batch there, whatever the settings say now. A run that names another environment for a bound batch is
 * refused before anything is sent. Connections are made lazily, one per environment: nothing is decrypted and
 * no sandbox started until something needs to be sent or asked.
 */
import type { EnvironmentName } from '../../contract/records.js';
import { withSealedPayees } from '../providers/sealedPayees.js';
import type { UnlockedKeys } from './keyring.js';
import { openSealedSecret } from '../credentials/secrets.js';
import { createEcommpayProvider } from '../providers/ecommpay/provider.js';
import { PRODUCTION_BASE_URL, productionEndpoint, sandboxEndpoint } from '../providers/ecommpay/endpoints.js';
import { TEST_PROJECT_ID } from '../providers/ecommpay/testProject.js';
import { createComputopProvider } from '../providers/computop/provider.js';
import { PRODUCTION_PAYGATE_URL, type PaygateEndpoint } from '../providers/computop/endpoints.js';
import {
  TEST_MERCHANT_BLOWFISH_PASSWORD,
  TEST_MERCHANT_HMAC_PASSWORD,
  TEST_MERCHANT_ID,
} from '../providers/computop/testMerchant.js';
import type { BatchKind } from '../types.js';
import type { PayoutProvider } from '../providers/types.js';
import type { ReferenceData } from '../reference/referenceData.js';
import type { ConsoleStore } from '../store/ports.js';
import { bindingOfBatch } from '../store/bindings.js';
import type { EnvironmentBinding, JournalChange } from '../store/types.js';
import {
  SubmissionEngine,
  type RunOptions,
  type RunSummary,
  type SendingProgress,
} from '../submission/engine.js';
import type { Lang } from '../types.js';
import { AppError, describeKnownError } from './errors.js';
import type { ErrorLog } from './errorLog.js';
import type { EventHub } from './events.js';
import { resolveSendingConfig, type SendingConfig, type SendingOverrides } from './sendingConfig.js';
import type { Settings } from './settingsModel.js';

/** A running emulated provider (only the composition root knows how to start one). */
export interface EmbeddedGate {
  url: string;
  close(): Promise<void>;
}

/** Where payouts go now, without secrets. */
export interface EnvironmentView {
  name: EnvironmentName;
  /** null for the embedded sandbox (it has no address until it starts). */
  gateUrl: string | null;
}

export interface SendingService {
  /** Where new batches are sent now (the settings, or this run's options). */
  describe(): Promise<EnvironmentView>;
  /**
   * Where a batch submitted now is bound, after connecting to it (opening the credentials, starting the
   * embedded sandbox); a coded error when it cannot be reached with usable credentials.
   */
  bindingForSubmit(kind: BatchKind): Promise<EnvironmentBinding>;
  /** The provider of the current environment (bank lists). */
  provider(): Promise<{ provider: PayoutProvider; environment: EnvironmentName }>;
  /** One run (the command line): each active batch in scope in its own environment, until sent (or final). */
  run(options: Omit<RunOptions, 'binding'>): Promise<RunSummary>;
  /** Asks again about a batch's settled payouts, in its environment; returns the changes to journal. */
  recheck(batchId: number): Promise<{ checked: number; changes: JournalChange[] }>;
  /** Keeps an engine running for every environment with active batches until stop() (the desktop app). */
  start(): void;
  /** New work: the background engines look now instead of at their next idle poll. */
  wake(): void;
  /** Drops the connections so the next use follows changed settings (after the work in flight settles). */
  reconfigure(): Promise<void>;
  /** Lets requests in flight finish and journals their answers, then closes everything. */
  stop(): Promise<void>;
}

export interface SendingDeps {
  store: ConsoleStore | null;
  settings: () => Promise<Settings>;
  overrides: SendingOverrides;
  /** The installation key, unlocked: provider secrets, payee data, approval seals. */
  keys: () => Promise<UnlockedKeys>;
  reference: ReferenceData;
  events: EventHub;
  errors: ErrorLog;
  /** Starts the embedded emulated provider; null where there is none (no database to keep its ledger by). */
  embeddedGate: (() => Promise<EmbeddedGate>) | null;
  lang: () => Lang;
  now?: () => number;
}

interface Connection {
  provider: PayoutProvider;
  engine: SubmissionEngine;
}

/** How long the background loop rests when there is nothing to do, between looks at the journal. */
const BACKGROUND_IDLE_MS = 2_000;

const bindingKey = (binding: EnvironmentBinding) => JSON.stringify(binding);

/** A base URL as compared: without trailing slashes. */
const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

function describeBinding(binding: EnvironmentBinding): string {
  const account =
    binding.merchantId === undefined ? `project ${binding.projectId}` : `merchant ${binding.merchantId}`;
  return `${binding.environment} ${binding.gateUrl ?? 'embedded sandbox'} ${account}`;
}

/** The Computop merchant's secrets, as stored (sealed together by setComputopCredentials). */
interface MerchantSecrets {
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
}

const TEST_MERCHANT: MerchantSecrets = {
  merchantId: TEST_MERCHANT_ID,
  hmacPassword: TEST_MERCHANT_HMAC_PASSWORD,
  blowfishPassword: TEST_MERCHANT_BLOWFISH_PASSWORD,
};

export function createSendingService(deps: SendingDeps): SendingService {
  const connections = new Map<string, Promise<Connection>>();
  let embedded: Promise<EmbeddedGate> | null = null;
  let background: {
    stop: AbortController;
    loop: Promise<void>;
    wake: () => void;
    running: Map<string, Promise<void>>;
  } | null = null;

  function requireStore(): ConsoleStore {
    if (!deps.store) throw new AppError('NO_DATABASE', { path: '—' });
    return deps.store;
  }

  async function config(): Promise<SendingConfig> {
    return resolveSendingConfig(await deps.settings(), deps.overrides);
  }

  /** The production credentials, opened; CREDENTIALS_MISSING / CREDENTIALS_LOCKED when they cannot be. */
  async function productionCredentials(): Promise<{ projectId: number; secretKey: string }> {
    const stored = await requireStore().credentials.get('production');
    if (!stored) throw new AppError('CREDENTIALS_MISSING', { environment: 'production' });
    const secretKey = openSealedSecret(stored, (await deps.keys()).secrets);
    deps.errors.addSecret(secretKey);
    return { projectId: stored.projectId, secretKey };
  }

  /** The stored Computop merchant, opened; null when none is stored. */
  async function storedMerchant(): Promise<MerchantSecrets | null> {
    const stored = await requireStore().providerSecrets.get('computop');
    if (!stored || stored.publicValue === null) return null;
    const cipher = (await deps.keys()).secrets;
    if (stored.cipherKind !== cipher.kind) throw new AppError('CREDENTIALS_LOCKED');
    const { hmacPassword, blowfishPassword } = JSON.parse(cipher.decrypt(stored.sealed)) as {
      hmacPassword: string;
      blowfishPassword: string;
    };
    deps.errors.addSecret(hmacPassword);
    deps.errors.addSecret(blowfishPassword);
    return { merchantId: stored.publicValue, hmacPassword, blowfishPassword };
  }

  /**
   * The merchant refunds go out as. Production: the stored one (CREDENTIALS_MISSING without). Sandbox: the
   * built-in test merchant on the embedded Paygate; on a Paygate named by URL, the stored merchant when there
   * is one (another emulator knows its own merchants), else the test merchant.
   */
  async function merchantFor(
    environment: EnvironmentName,
    paygateUrl: string | null,
  ): Promise<MerchantSecrets> {
    if (environment === 'production') {
      const stored = await storedMerchant();
      if (!stored) throw new AppError('CREDENTIALS_MISSING', { environment: 'production' });
      return stored;
    }
    if (paygateUrl === null) return TEST_MERCHANT;
    return (await storedMerchant()) ?? TEST_MERCHANT;
  }

  /** Where a refund batch submitted now is bound. */
  async function currentRefundBinding(): Promise<EnvironmentBinding> {
    const c = await config();
    const paygateUrl = c.paygateUrl ?? (c.environment === 'production' ? PRODUCTION_PAYGATE_URL : null);
    const { merchantId } = await merchantFor(c.environment, paygateUrl);
    return { environment: c.environment, gateUrl: paygateUrl, projectId: 0, merchantId };
  }

  /** Where a batch submitted now is bound, by the settings and this run's options. */
  async function currentBinding(kind: BatchKind = 'payout'): Promise<EnvironmentBinding> {
    if (kind === 'refund') return currentRefundBinding();
    const c = await config();
    if (c.environment === 'production') {
      const { projectId } = await productionCredentials();
      return { environment: 'production', gateUrl: c.gateUrl ?? PRODUCTION_BASE_URL, projectId };
    }
    return { environment: 'sandbox', gateUrl: c.gateUrl, projectId: TEST_PROJECT_ID };
  }

  /** A run that names an environment must name the one a bound batch was sent to. */
  function assertCompatible(binding: EnvironmentBinding): void {
    const { environment } = deps.overrides;
    // A refund batch follows its Paygate; `--gate` names ecommpay's and `--paygate` Computop's.
    const gateUrl = binding.merchantId === undefined ? deps.overrides.gateUrl : deps.overrides.paygateUrl;
    const otherEnvironment = environment !== undefined && environment !== binding.environment;
    const otherGate =
      gateUrl !== undefined && (binding.gateUrl === null || !sameUrl(gateUrl, binding.gateUrl));
    if (otherEnvironment || otherGate) {
      throw new AppError('ENVIRONMENT_MISMATCH', {
        bound: describeBinding(binding),
        asked: `${environment ?? binding.environment} ${gateUrl ?? binding.gateUrl ?? 'embedded sandbox'}`,
      });
    }
  }

  /** The embedded emulated provider (Gate and Paygate at one address), started on first use. */
  async function embeddedUrl(): Promise<string> {
    const factory = deps.embeddedGate;
    if (!factory) throw new AppError('PROVIDER_UNAVAILABLE', { detail: 'no embedded sandbox' });
    embedded ??= factory().catch((error: unknown) => {
      embedded = null;
      throw error;
    });
    return (await embedded).url;
  }

  /** A refund batch's provider: Computop Paygate, as the merchant it is bound to. */
  async function paygateProvider(
    binding: EnvironmentBinding & { merchantId: string },
  ): Promise<PayoutProvider> {
    const c = await config();
    const merchant = await merchantFor(binding.environment, binding.gateUrl);
    // The merchant stored now must be the one the batch was sent as.
    if (merchant.merchantId !== binding.merchantId) {
      throw new AppError('ENVIRONMENT_MISMATCH', {
        bound: describeBinding(binding),
        asked: `merchant ${merchant.merchantId} (the credentials stored now)`,
      });
    }
    const endpoint: PaygateEndpoint = {
      baseUrl: binding.gateUrl ?? (await embeddedUrl()),
      merchantId: merchant.merchantId,
      hmacPassword: merchant.hmacPassword,
      blowfishPassword: merchant.blowfishPassword,
    };
    return createComputopProvider(endpoint, {
      concurrency: c.concurrency,
      requestsPerSecond: c.requestsPerSecond,
      timeoutMs: c.timeoutMs,
      now: deps.now,
    });
  }

  async function connect(binding: EnvironmentBinding): Promise<Connection> {
    requireStore();
    const c = await config();
    if (binding.merchantId !== undefined) {
      const provider = await paygateProvider({ ...binding, merchantId: binding.merchantId });
      return { provider, engine: engineFor(provider, c, (await deps.keys()).keys.approval) };
    }
    let endpoint;
    if (binding.environment === 'production') {
      const { projectId, secretKey } = await productionCredentials();
      // The credentials stored now must be the project the batch was sent to.
      if (projectId !== binding.projectId) {
        throw new AppError('ENVIRONMENT_MISMATCH', {
          bound: describeBinding(binding),
          asked: `production project ${projectId} (the credentials stored now)`,
        });
      }
      endpoint = productionEndpoint(projectId, secretKey, binding.gateUrl ?? undefined);
    } else if (binding.gateUrl !== null) {
      // Not necessarily our emulator: only the documented paths are sure to be served.
      endpoint = sandboxEndpoint(binding.gateUrl, 'documented');
    } else {
      endpoint = sandboxEndpoint(await embeddedUrl());
    }
    const unlocked = await deps.keys();
    const gate = createEcommpayProvider(endpoint, {
      concurrency: c.concurrency,
      requestsPerSecond: c.requestsPerSecond,
      timeoutMs: c.timeoutMs,
      payoutDefaults: c.payoutDefaults,
      regions: new Map(deps.reference.regions.map((region) => [region.id, region])),
    });
    const provider = withSealedPayees(gate, unlocked.fields);
    return { provider, engine: engineFor(provider, c, unlocked.keys.approval) };
  }

  function engineFor(provider: PayoutProvider, c: SendingConfig, approvalKey: Buffer): SubmissionEngine {
    return new SubmissionEngine({
      journal: requireStore().journal,
      provider,
      approvalKey,
      timing: c.timing,
      concurrency: c.concurrency,
      now: deps.now,
      observer: engineObserver(),
    });
  }

  function engineObserver() {
    const emit = deps.events.emit;
    return {
      progress: (p: SendingProgress) =>
        emit({
          type: 'sending.progress',
          sent: p.sent,
          status_queries: p.statusQueries,
          recovered: p.recovered,
          queued: p.queued,
          awaiting: p.awaiting,
          in_flight: p.inFlight,
          elapsed_ms: p.elapsedMs,
        }),
      changed: (batchIds: number[]) => emit({ type: 'payouts.changed', batch_ids: batchIds }),
      completed: (batchIds: number[]) => {
        for (const id of batchIds) emit({ type: 'batch.changed', batch_id: id, status: 'completed' });
      },
      blocked: (batchId: number) => {
        emit({ type: 'batch.changed', batch_id: batchId, status: 'blocked' });
        reportFailure(new AppError('APPROVAL_CONTENT_CHANGED', { batchId }), 'engine');
      },
      unreachable: (detail: string) =>
        reportFailure(new AppError('PROVIDER_UNREACHABLE', { detail }), 'engine'),
      internalError: (error: unknown, where: string) => reportFailure(error, `engine: ${where}`),
    };
  }

  /** A failure while sending reaches the log (when unexpected) and every listener; it is never dropped. */
  function reportFailure(error: unknown, where: string): void {
    const known = describeKnownError(error, deps.lang());
    if (known) {
      deps.events.emit({ type: 'engine.error', code: known.code, message: known.message });
      return;
    }
    const reference = deps.errors.record(error, where);
    const internal = describeKnownError(
      new AppError('INTERNAL', { reference, log: deps.errors.path }),
      deps.lang(),
    );
    deps.events.emit({ type: 'engine.error', code: 'INTERNAL', message: internal?.message ?? '', reference });
  }

  function connection(binding: EnvironmentBinding): Promise<Connection> {
    const key = bindingKey(binding);
    let open = connections.get(key);
    if (!open) {
      // A failed attempt is forgotten, so the next use tries again (credentials set meanwhile, say).
      open = connect(binding).catch((error: unknown) => {
        connections.delete(key);
        throw error;
      });
      connections.set(key, open);
    }
    return open;
  }

  /**
   * The active batches in scope, grouped by environment, each group checked against this run's options and
   * connected — all before anything is sent, so a refusal sends nothing. Batches sent before batches recorded
   * their environment are bound to the current one first.
   */
  async function connectedGroups(batchIds: readonly number[] | undefined) {
    const journal = requireStore().journal;
    const groups = await journal.activeBindings(batchIds ? { batchIds } : {});
    const bound: Array<{ binding: EnvironmentBinding; batchIds: number[] }> = [];
    for (const group of groups) {
      let binding = group.binding;
      if (binding === null) {
        // Only payout batches predate bindings: every refund batch was bound when it was submitted.
        binding = await currentBinding('payout');
        await journal.bindUnbound(group.batchIds, binding);
      }
      assertCompatible(binding);
      bound.push({ binding, batchIds: group.batchIds });
    }
    const connected = [];
    for (const group of bound) connected.push({ ...group, connection: await connection(group.binding) });
    return connected;
  }

  async function runGroups(options: Omit<RunOptions, 'binding'>): Promise<RunSummary> {
    // Nothing is sent from a damaged database (SQLite's full check: every index against its table).
    await requireStore().meta.checkIntegrity();
    const groups = await connectedGroups(options.batchIds);
    const summaries = await Promise.all(
      groups.map(({ binding, connection }) => connection.engine.run({ ...options, binding })),
    );
    return mergeSummaries(summaries);
  }

  async function backgroundLoop(
    stop: AbortSignal,
    running: Map<string, Promise<void>>,
    rest: (ms: number) => Promise<void>,
  ): Promise<void> {
    const reported = new Set<string>();
    let checked = false;
    while (!stop.aborted) {
      try {
        if (!checked) await requireStore().meta.checkIntegrity();
        checked = true;
        for (const { binding, connection } of await connectedGroups(undefined)) {
          const key = bindingKey(binding);
          if (running.has(key)) continue;
          // One engine per environment, following every batch bound there, new ones included.
          const run = connection.engine
            .run({ binding, wait: true, signal: stop })
            .then(() => undefined)
            .catch((error: unknown) => reportFailure(error, 'background engine'))
            .finally(() => running.delete(key));
          running.set(key, run);
        }
        reported.clear();
      } catch (error) {
        // The same failure (missing credentials, say) is reported once, not every few seconds.
        const key = error instanceof Error ? error.message : String(error);
        if (!reported.has(key)) reportFailure(error, 'background engine');
        reported.add(key);
      }
      await rest(BACKGROUND_IDLE_MS);
    }
    await Promise.allSettled([...running.values()]);
  }

  async function stopBackground(): Promise<boolean> {
    if (!background) return false;
    const current = background;
    background = null;
    current.stop.abort();
    current.wake();
    await current.loop;
    return true;
  }

  async function closeConnections(): Promise<void> {
    const open = [...connections.values()];
    connections.clear();
    await Promise.all(open.map((c) => c.then((conn) => conn.provider.close()).catch(() => {})));
    const gate = embedded;
    embedded = null;
    await gate?.then((g) => g.close()).catch(() => {});
  }

  const service: SendingService = {
    async describe() {
      const c = await config();
      if (c.environment === 'production')
        return { name: 'production', gateUrl: c.gateUrl ?? PRODUCTION_BASE_URL };
      return { name: 'sandbox', gateUrl: c.gateUrl };
    },
    async bindingForSubmit(kind) {
      const binding = await currentBinding(kind);
      await connection(binding);
      return binding;
    },
    async provider() {
      const binding = await currentBinding();
      const { provider } = await connection(binding);
      return { provider, environment: binding.environment };
    },
    run: runGroups,
    async recheck(batchId) {
      const batch = await requireStore().batches.get(batchId);
      if (!batch) throw new AppError('BATCH_NOT_FOUND', { batchId });
      const binding = bindingOfBatch(batch) ?? (await currentBinding(batch.kind));
      assertCompatible(binding);
      const { engine } = await connection(binding);
      return engine.recheck(batchId);
    },
    start() {
      if (background) return;
      const stop = new AbortController();
      const running = new Map<string, Promise<void>>();
      let wakeUp = () => {};
      const rest = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      const loop = backgroundLoop(stop.signal, running, rest);
      background = { stop, loop, wake: () => wakeUp(), running };
    },
    wake() {
      background?.wake();
    },
    async reconfigure() {
      const wasRunning = await stopBackground();
      await closeConnections();
      if (wasRunning) service.start();
    },
    async stop() {
      await stopBackground();
      await closeConnections();
    },
  };
  return service;
}

/** One summary of several engines' runs (one per environment). */
function mergeSummaries(summaries: RunSummary[]): RunSummary {
  const merged: RunSummary = {
    sent: 0,
    statusQueries: 0,
    recovered: 0,
    completedBatches: [],
    blockedBatches: [],
    unreachable: null,
    stoppedBy: 'done',
  };
  for (const s of summaries) {
    merged.sent += s.sent;
    merged.statusQueries += s.statusQueries;
    merged.recovered += s.recovered;
    merged.completedBatches.push(...s.completedBatches);
    merged.blockedBatches.push(...s.blockedBatches);
    merged.unreachable ??= s.unreachable;
    if (s.stoppedBy === 'unreachable' || (s.stoppedBy === 'signal' && merged.stoppedBy === 'done'))
      merged.stoppedBy = s.stoppedBy;
  }
  return merged;
}
