import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  SEEDED_TEST_PAYMENTS,
  TEST_MERCHANT_BLOWFISH_PASSWORD,
  TEST_MERCHANT_HMAC_PASSWORD,
  TEST_MERCHANT_ID,
} from '../../core/providers/computop/testMerchant.js';
import { createFaultDrawer } from '../faults.js';
import { readBody, type Reply } from '../http.js';
import type { ResolvedOptions } from '../options.js';
import type { SandboxStore } from '../store.js';
import type { PaygateContext } from './context.js';
import { handlePaygateControl, paygateLedgerView, type PaygateLedgerView } from './control.js';
import { handleCredit } from './credit.js';
import { openRequest, type PaygateMerchant, type PaygateReply } from './envelope.js';
import { handleInquire } from './inquire.js';
import { PaygateLedger } from './ledger.js';
import { PaygateStatsRecorder, type PaygateRouteKind, type PaygateStats } from './stats.js';

/** The emulated Paygate's public facts and inspection, as the running sandbox exposes them. */
export interface RunningPaygate {
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
  /** Below the sandbox's base URL, like the Gate routes. */
  creditPath: string;
  inquirePath: string;
  /** Same as GET /__sandbox/paygate/ledger. */
  ledger(): PaygateLedgerView;
  /** Same as GET /__sandbox/paygate/stats. */
  stats(): PaygateStats;
}

export interface PaygateService {
  /** The Paygate route a request line names, or null when it is none (it is then the Gate's). */
  routeFor(httpMethod: string, path: string): PaygateRouteKind | null;
  serve(route: PaygateRouteKind, req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The /__sandbox/paygate/* control routes; undefined for any other request. */
  control(httpMethod: string, path: string, raw: string): Reply | undefined;
  running: RunningPaygate;
}

export interface PaygateDeps {
  options: ResolvedOptions;
  store: SandboxStore;
  /** The sandbox's delay (its timers are cleared on close). */
  delay(ms: number): Promise<void>;
  isClosed(): boolean;
}

const CREDIT_PATH = '/credit.aspx';
const INQUIRE_PATH = '/inquire.aspx';

const TEST_MERCHANT: PaygateMerchant = {
  merchantId: TEST_MERCHANT_ID,
  hmacPassword: TEST_MERCHANT_HMAC_PASSWORD,
  blowfishPassword: TEST_MERCHANT_BLOWFISH_PASSWORD,
};

function sendText(res: ServerResponse, reply: PaygateReply, garble: boolean): void {
  const body = garble ? garbled(reply.body) : reply.body;
  res.writeHead(reply.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The malformed_json fault for Paygate: Data cut to an odd number of hex digits (less than half of it), which no
 * client can decrypt; a body without Data is cut in half.
 */
function garbled(body: string): string {
  const at = body.indexOf('Data=');
  if (at < 0) return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  const hex = body.slice(at + 'Data='.length);
  const half = Math.floor(hex.length / 2);
  const keep = half % 2 === 0 ? Math.max(1, half - 1) : half;
  return body.slice(0, at + 'Data='.length) + hex.slice(0, keep);
}

/**
 * The emulated Computop Paygate, served by the sandbox's HTTP server next to the Gate: `POST /credit.aspx` and
 * `POST /inquire.aspx` at the root (paths case-insensitive, as on Paygate's IIS) for the built-in test merchant,
 * with its ledger in the sandbox's state. The sandbox's fault options apply to both routes; Paygate requests
 * draw from their own sequence of the same seed, so Gate traffic never shifts Paygate faults or the reverse.
 * Faults act as on the Gate: http500 and drop_before_register leave the ledger untouched, drop_after_register
 * credits then closes the socket, malformed_json garbles Data, bad_signature MACs the answer with a wrong key;
 * temporary_3062 is Gate-only (no effect here).
 */
export function createPaygate(deps: PaygateDeps): PaygateService {
  const { options, store } = deps;
  const ctx: PaygateContext = {
    merchants: [TEST_MERCHANT],
    ledger: new PaygateLedger(store.database),
    now: options.now,
    pendingMs: options.finalAfterMs,
  };
  ctx.ledger.seedOnce(SEEDED_TEST_PAYMENTS, ctx.now());
  const stats = new PaygateStatsRecorder();
  const drawFault = createFaultDrawer({
    seed: options.seed,
    rate: options.faultRate,
    kinds: options.faults,
    latencyMs: options.faultLatencyMs,
  });
  let drawCount = 0;

  function idsIn(raw: string): { pay_id: string | null; trans_id: string | null } {
    const opened = openRequest(raw, ctx.merchants);
    if (!opened.ok) return { pay_id: null, trans_id: null };
    return {
      pay_id: opened.fields.get('payid') || null,
      trans_id: opened.fields.get('transid') || null,
    };
  }

  async function serve(route: PaygateRouteKind, req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.request(route);
    // Drawn on arrival, before any await, so the n-th Paygate request always gets the n-th draw.
    const draw = drawFault();
    const sequence = ++drawCount;

    const raw = await readBody(req);
    if (deps.isClosed()) return;
    if (raw === null) {
      sendText(res, { status: 413, body: 'Request body too large' }, false);
      return;
    }
    if (draw.kind !== null) {
      stats.fault({ sequence, route, kind: draw.kind, extraDelayMs: draw.extraDelayMs, ...idsIn(raw) });
    }

    await deps.delay(options.latencyMs + draw.extraDelayMs);
    if (deps.isClosed()) return;
    if (draw.kind === 'http500') {
      sendText(res, { status: 500, body: 'Platform unavailable' }, false);
      return;
    }
    if (draw.kind === 'drop_before_register') {
      req.socket.destroy();
      return;
    }
    const handle = route === 'credit' ? handleCredit : handleInquire;
    const reply = handle(ctx, raw, draw.kind === 'bad_signature');
    // The credit took effect; the client just never hears of it.
    if (draw.kind === 'drop_after_register') {
      req.socket.destroy();
      return;
    }
    sendText(res, reply, draw.kind === 'malformed_json');
  }

  return {
    routeFor(httpMethod, path) {
      if (httpMethod !== 'POST') return null;
      const lower = path.toLowerCase();
      if (lower === CREDIT_PATH) return 'credit';
      if (lower === INQUIRE_PATH) return 'inquire';
      return null;
    },
    serve,
    control: (httpMethod, path, raw) => handlePaygateControl(ctx, stats, httpMethod, path, raw),
    running: {
      merchantId: TEST_MERCHANT.merchantId,
      hmacPassword: TEST_MERCHANT.hmacPassword,
      blowfishPassword: TEST_MERCHANT.blowfishPassword,
      creditPath: CREDIT_PATH,
      inquirePath: INQUIRE_PATH,
      ledger: () => paygateLedgerView(ctx),
      stats: () => stats.snapshot(),
    },
  };
}
