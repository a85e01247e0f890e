import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERRORS } from './codes.js';
import type { SandboxContext } from './context.js';
import { createFaultDrawer, type FaultDraw } from './faults.js';
import { errorReply, readBody, sendReply, type Reply } from './http.js';
import { loadCatalog } from './methods.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { createPaygate, type RunningPaygate } from './paygate/index.js';
import { resolveRoute, type Route } from './router.js';
import { handleBankList } from './routes/bankList.js';
import { handleControl, ledgerEntries, type LedgerEntry } from './routes/control.js';
import { handleDataApi } from './routes/dataApi.js';
import { handlePayout, peekPaymentId } from './routes/payout.js';
import { handleStatus } from './routes/status.js';
import { StatsRecorder, type SandboxStats } from './stats.js';
import { SandboxStore, type RequestCount } from './store.js';

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  projectId: number;
  secretKey: string;
  dataApiToken: string;
  dataApiSecret: string;
  /** Every registered payment with its current status (same as GET /__sandbox/ledger). */
  ledger(): LedgerEntry[];
  /** Payout requests per payment id, registered or not (same as GET /__sandbox/requests). */
  requestCounts(): RequestCount[];
  /** Requests per route and faults per kind (same as GET /__sandbox/stats). */
  stats(): SandboxStats;
  /** The emulated Computop Paygate at the same base URL (credit.aspx, inquire.aspx). */
  paygate: RunningPaygate;
  close(): Promise<void>;
}

const NO_FAULT: FaultDraw = { kind: null, extraDelayMs: 0 };

function routeReply(ctx: SandboxContext, route: Route, raw: string, draw: FaultDraw): Reply {
  switch (route.kind) {
    case 'payout':
      return handlePayout(ctx, route.methods, raw);
    case 'status':
      return handleStatus(ctx, raw, draw.kind);
    case 'bank_list':
      return handleBankList(ctx, route.method, raw);
    case 'data_api':
      return handleDataApi(ctx, raw);
    default:
      return errorReply(ERRORS.notFound);
  }
}

/** Starts the emulated ecommpay Gate (and Data API) and Computop Paygate on loopback. See ./index.ts. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const resolved = resolveOptions(options);
  const catalog = loadCatalog(resolved.referenceDir, resolved.chinaunionpayMethod);
  const store = new SandboxStore(resolved.statePath, resolved.nativeBinding);
  const ctx: SandboxContext = {
    options: resolved,
    catalog,
    store,
    stats: new StatsRecorder(),
    now: resolved.now,
  };
  const drawFault = createFaultDrawer({
    seed: resolved.seed,
    rate: resolved.faultRate,
    kinds: resolved.faults,
    latencyMs: resolved.faultLatencyMs,
  });
  let drawCount = 0;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();

  const delay = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });
  const paygate = createPaygate({ options: resolved, store, delay, isClosed: () => closed });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const paygateRoute = paygate.routeFor(req.method ?? '', path);
    if (paygateRoute) return paygate.serve(paygateRoute, req, res);
    const route = resolveRoute(catalog, req.method ?? '', path);
    ctx.stats.request(route.kind);
    // Drawn on arrival, before any await, so the n-th payout/status request always gets the n-th draw.
    const faultRoute = route.kind === 'payout' || route.kind === 'status' ? route.kind : null;
    const draw = faultRoute ? drawFault() : NO_FAULT;
    const sequence = faultRoute ? ++drawCount : 0;

    const raw = await readBody(req);
    if (closed) return;
    if (raw === null) {
      sendReply(res, errorReply(ERRORS.bodyTooLarge));
      return;
    }
    if (route.kind === 'control') {
      const method = req.method ?? '';
      const reply = handleControl(ctx, method, path, raw) ?? paygate.control(method, path, raw);
      sendReply(res, reply ?? errorReply(ERRORS.notFound));
      return;
    }

    const paymentId = faultRoute ? peekPaymentId(raw) : null;
    // Every payout request counts for its id, refused or faulted ones included.
    if (route.kind === 'payout' && paymentId !== null) store.countRequest(paymentId);
    if (faultRoute && draw.kind !== null) {
      ctx.stats.fault({
        sequence,
        route: faultRoute,
        kind: draw.kind,
        extraDelayMs: draw.extraDelayMs,
        payment_id: paymentId,
      });
    }

    await delay(resolved.latencyMs + draw.extraDelayMs);
    if (closed) return;
    if (draw.kind === 'http500') {
      sendReply(res, errorReply(ERRORS.platformUnavailable));
      return;
    }
    if (draw.kind === 'drop_before_register') {
      req.socket.destroy();
      return;
    }
    const reply = routeReply(ctx, route, raw, draw);
    // The request took effect (a valid payout is now registered); the client just never hears of it.
    if (draw.kind === 'drop_after_register') {
      req.socket.destroy();
      return;
    }
    sendReply(res, reply, draw.kind === 'malformed_json');
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const message = err instanceof Error ? err.message : String(err);
      sendReply(res, {
        status: 500,
        body: { status: 'error', code: '500', message: `Sandbox failure: ${message}` },
      });
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    store.close();
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${host}:${port}`,
    port,
    projectId: resolved.projectId,
    secretKey: resolved.secretKey,
    dataApiToken: resolved.dataApiToken,
    dataApiSecret: resolved.dataApiSecret,
    ledger: () => ledgerEntries(ctx),
    requestCounts: () => store.requestCounts(),
    stats: () => ctx.stats.snapshot(),
    paygate: paygate.running,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
