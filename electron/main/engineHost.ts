import { join } from 'node:path';
import type { Database } from '../core/store/database.js';
import { GateClient } from '../core/gate/client.js';
import { buildPayoutRequest } from '../core/gate/payoutRequest.js';
import type { PayoutDefaults } from '../core/gate/types.js';
import { sandboxEndpoint } from '../core/environments.js';
import type { ReferenceData } from '../core/reference/referenceData.js';
import { PRODUCTION_TIMING } from '../core/submission/config.js';
import { SubmissionEngine } from '../core/submission/engine.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';

const PAYOUT_DEFAULTS: PayoutDefaults = { customerIp: '127.0.0.1', country: 'CN' };
/** How often the host looks for new work when nothing is pending. */
const IDLE_MS = 2_000;

/**
 * Runs the submission engine inside the main process for as long as the console is open. On start it first
 * resumes whatever a previous run left (interrupted requests are resolved by status query), then keeps
 * following every active batch. The embedded sandbox is the default environment, its ledger kept beside
 * the database so that it, too, survives restarts.
 */
export class EngineHost {
  private readonly stop = new AbortController();
  private sandbox: RunningSandbox | null = null;
  private client: GateClient | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly databasePath: string,
    private readonly reference: ReferenceData,
    private readonly resourcesDir: string,
    private readonly nativeBinding: string | undefined,
  ) {}

  async start(): Promise<void> {
    this.sandbox = await startSandbox({
      port: 0,
      statePath: `${this.databasePath}.sandbox.sqlite`,
      referenceDir: join(this.resourcesDir, 'reference'),
      nativeBinding: this.nativeBinding,
    });
    const endpoint = sandboxEndpoint(this.sandbox.url);
    const client = new GateClient(endpoint, { concurrency: 8, payoutDefaults: PAYOUT_DEFAULTS });
    this.client = client;
    const regions = new Map(this.reference.regions.map((region) => [region.id, region]));
    const engine = new SubmissionEngine({
      db: this.db,
      gate: client,
      buildRequest: (row) =>
        buildPayoutRequest({ ...row, warnings: [] }, endpoint, PAYOUT_DEFAULTS, regions.get(row.region_id)),
      // The sandbox follows the provider's rules, so the console behaves as it will in production.
      timing: PRODUCTION_TIMING,
      concurrency: 8,
      log: (line) => console.log(`[engine] ${line}`),
    });
    this.loop = (async () => {
      while (!this.stop.signal.aborted) {
        await engine.run({ wait: true, signal: this.stop.signal });
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      }
    })();
  }

  /** Lets requests in flight finish and journals their answers before the app quits. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.loop;
    this.client?.close();
    await this.sandbox?.close();
  }
}
