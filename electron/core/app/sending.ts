/**
 * The sending service: turns the configured environment into a provider adapter and a submission engine, and
 * runs that engine, once (the command line) or for as long as the console is open (the desktop app). It
 * connects lazily: nothing is decrypted and no sandbox started until something needs to be sent or asked.
 */
import type { EnvironmentName } from '../../contract/records.js';
import type { SecretCipher } from '../credentials/cipher.js';
import { openSealedSecret } from '../credentials/secrets.js';
import { createEcommpayProvider } from '../providers/ecommpay/provider.js';
import { PRODUCTION_BASE_URL, productionEndpoint, sandboxEndpoint } from '../providers/ecommpay/endpoints.js';
import type { PayoutProvider } from '../providers/types.js';
import type { ReferenceData } from '../reference/referenceData.js';
import type { ConsoleStore } from '../store/ports.js';
import type { JournalChange } from '../store/types.js';
import { SubmissionEngine, type RunOptions, type RunSummary } from '../submission/engine.js';
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
  describe(): Promise<EnvironmentView>;
  /** Connects (opens the credentials, starts the embedded sandbox); a coded error when it cannot. */
  ensureReady(): Promise<void>;
  provider(): Promise<{ provider: PayoutProvider; environment: EnvironmentName }>;
  /** One run of the engine (the command line): until every payout is sent, or final with `wait`. */
  run(options: RunOptions): Promise<RunSummary>;
  /** Asks again about a batch's settled payouts; returns the changes to journal. Sends nothing. */
  recheck(batchId: number): Promise<{ checked: number; changes: JournalChange[] }>;
  /** Keeps the engine running in the background until stop() (the desktop app). */
  start(): void;
  /** New work: the background engine looks now instead of at its next idle poll. */
  wake(): void;
  /** Drops the connection so the next use follows changed settings (after the work in flight settles). */
  reconfigure(): Promise<void>;
  /** Lets requests in flight finish and journals their answers, then closes everything. */
  stop(): Promise<void>;
}

export interface SendingDeps {
  store: ConsoleStore | null;
  settings: () => Promise<Settings>;
  overrides: SendingOverrides;
  cipher: () => SecretCipher;
  reference: ReferenceData;
  events: EventHub;
  errors: ErrorLog;
  /** Starts the embedded emulated provider; null where there is none (no database to keep its ledger by). */
  embeddedGate: (() => Promise<EmbeddedGate>) | null;
  lang: () => Lang;
  now?: () => number;
}

interface Connection {
  config: SendingConfig;
  provider: PayoutProvider;
  engine: SubmissionEngine;
  close(): Promise<void>;
}

/** How long the background engine rests when there is nothing to do, between looks at the journal. */
const BACKGROUND_IDLE_MS = 2_000;

export function createSendingService(deps: SendingDeps): SendingService {
  let connection: Promise<Connection> | null = null;
  let background: { stop: AbortController; loop: Promise<void>; wake: () => void } | null = null;

  function requireStore(): ConsoleStore {
    if (!deps.store) throw new AppError('NO_DATABASE', { path: '—' });
    return deps.store;
  }

  async function connect(): Promise<Connection> {
    const store = requireStore();
    const config = resolveSendingConfig(await deps.settings(), deps.overrides);
    let endpoint;
    let closeGate = async () => {};
    if (config.environment === 'production') {
      const stored = await store.credentials.get('production');
      if (!stored) throw new AppError('CREDENTIALS_MISSING', { environment: 'production' });
      const secretKey = openSealedSecret(stored, deps.cipher());
      deps.errors.addSecret(secretKey);
      endpoint = productionEndpoint(stored.projectId, secretKey, config.gateUrl ?? undefined);
    } else if (config.gateUrl !== null) {
      endpoint = sandboxEndpoint(config.gateUrl);
    } else {
      if (!deps.embeddedGate) throw new AppError('PROVIDER_UNAVAILABLE', { detail: 'no embedded sandbox' });
      const gate = await deps.embeddedGate();
      endpoint = sandboxEndpoint(gate.url);
      closeGate = () => gate.close();
    }
    const provider = createEcommpayProvider(endpoint, {
      concurrency: config.concurrency,
      requestsPerSecond: config.requestsPerSecond,
      timeoutMs: config.timeoutMs,
      payoutDefaults: config.payoutDefaults,
      regions: new Map(deps.reference.regions.map((region) => [region.id, region])),
    });
    const engine = new SubmissionEngine({
      journal: store.journal,
      provider,
      timing: config.timing,
      concurrency: config.concurrency,
      now: deps.now,
      observer: {
        progress: (p) =>
          deps.events.emit({
            type: 'sending.progress',
            sent: p.sent,
            status_queries: p.statusQueries,
            recovered: p.recovered,
            queued: p.queued,
            awaiting: p.awaiting,
            in_flight: p.inFlight,
            elapsed_ms: p.elapsedMs,
          }),
        changed: (batchIds) => deps.events.emit({ type: 'payouts.changed', batch_ids: batchIds }),
        completed: (batchIds) => {
          for (const id of batchIds)
            deps.events.emit({ type: 'batch.changed', batch_id: id, status: 'completed' });
        },
        internalError: (error, where) => reportEngineFailure(error, `engine: ${where}`),
      },
    });
    return {
      config,
      provider,
      engine,
      close: async () => {
        await provider.close();
        await closeGate();
      },
    };
  }

  /** An engine failure reaches the log (with a reference) and every listener; it is never dropped. */
  function reportEngineFailure(error: unknown, where: string): void {
    const known = describeKnownError(error, deps.lang());
    if (known) {
      deps.events.emit({ type: 'engine.error', code: known.code, message: known.message });
      return;
    }
    const reference = deps.errors.record(error, where);
    deps.events.emit({
      type: 'engine.error',
      code: 'INTERNAL',
      message: describeKnownError(new AppError('INTERNAL', { reference, log: deps.errors.path }), deps.lang())
        ?.message as string,
      reference,
    });
  }

  function connected(): Promise<Connection> {
    // A failed attempt is forgotten, so the next use tries again (credentials set meanwhile, say).
    connection ??= connect().catch((error: unknown) => {
      connection = null;
      throw error;
    });
    return connection;
  }

  async function backgroundLoop(stop: AbortSignal, rest: (ms: number) => Promise<void>): Promise<void> {
    const store = requireStore();
    let lastFailure = '';
    while (!stop.aborted) {
      try {
        const open = await store.journal.openWork({});
        if (open.queued + open.awaiting > 0) {
          const { engine } = await connected();
          await engine.run({ wait: true, signal: stop });
        }
        lastFailure = '';
      } catch (error) {
        // The same failure (missing credentials, say) is reported once, not every few seconds.
        const key = error instanceof Error ? error.message : String(error);
        if (key !== lastFailure) reportEngineFailure(error, 'background engine');
        lastFailure = key;
      }
      await rest(BACKGROUND_IDLE_MS);
    }
  }

  async function stopBackground(): Promise<boolean> {
    if (!background) return false;
    const running = background;
    background = null;
    running.stop.abort();
    running.wake();
    await running.loop;
    return true;
  }

  async function closeConnection(): Promise<void> {
    const open = connection;
    connection = null;
    if (open) await open.then((c) => c.close()).catch(() => {});
  }

  const service: SendingService = {
    async describe() {
      const config = resolveSendingConfig(await deps.settings(), deps.overrides);
      if (config.environment === 'production' || config.gateUrl !== null) {
        return { name: config.environment, gateUrl: config.gateUrl ?? PRODUCTION_BASE_URL };
      }
      return { name: 'sandbox', gateUrl: null };
    },
    async ensureReady() {
      await connected();
    },
    async provider() {
      const { provider, config } = await connected();
      return { provider, environment: config.environment };
    },
    async run(options) {
      const { engine } = await connected();
      return engine.run(options);
    },
    async recheck(batchId) {
      const { engine } = await connected();
      return engine.recheck(batchId);
    },
    start() {
      if (background) return;
      const stop = new AbortController();
      let wakeUp = () => {};
      const rest = (ms: number) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      const loop = backgroundLoop(stop.signal, rest);
      background = { stop, loop, wake: () => wakeUp() };
    },
    wake() {
      background?.wake();
    },
    async reconfigure() {
      const wasRunning = await stopBackground();
      await closeConnection();
      if (wasRunning) service.start();
    },
    async stop() {
      await stopBackground();
      await closeConnection();
    },
  };
  return service;
}
