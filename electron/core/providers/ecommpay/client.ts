/**
 * ecommpay's Gate over HTTP, as the provider adapter (provider.ts) uses it. Every request goes through one
 * limiter (concurrency and rate) and one keep-alive socket pool. Provider and network conditions come back as
 * outcomes, never as exceptions; the client never retries by itself.
 */
import { randomBytes } from 'node:crypto';
import type { Region } from '../../reference/referenceData.js';
import { METHOD_IDS, type MethodId } from '../../types.js';
import { createHttpPoster, type HttpPoster, type HttpResult } from '../transport/http.js';
import { Limiter, LimiterStoppedError } from '../transport/limiter.js';
import { redact } from '../redact.js';
import type { BankListOutcome, PayoutInstruction, SendOutcome } from '../types.js';
import { parseBankListAnswer } from './bankList.js';
import { classifyPayoutAnswer } from './payoutAnswer.js';
import { buildPayoutRequest } from './payoutRequest.js';
import { buildBankListRequest, buildStatusRequest } from './queryRequests.js';
import { classifyStatusAnswer, type EcommpayStatusOutcome } from './statusAnswer.js';
import type { GateClientOptions, GateEndpoint, PayoutDefaults, SignedPayoutBody } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 8;
/** 1,000.00 CNY: an ordinary payout amount, for asking which banks can take it. */
export const DEFAULT_BANK_LIST_AMOUNT_FEN = 100_000;

/** The client was closed before this request could be sent: nothing reached the Gate. */
export class GateClientClosedError extends Error {
  constructor() {
    super('the Gate client is closed; the request was not sent');
    this.name = 'GateClientClosedError';
  }
}

/** Refuses an endpoint the client could only fail with later, naming the field but never the secret. */
function checkEndpoint(endpoint: GateEndpoint): void {
  if (!Number.isSafeInteger(endpoint.projectId) || endpoint.projectId <= 0) {
    throw new TypeError('projectId must be a positive integer');
  }
  if (!endpoint.secretKey) throw new TypeError('secretKey is empty');
  if (!/^https?:\/\//.test(endpoint.baseUrl) || !URL.canParse(endpoint.baseUrl)) {
    throw new TypeError('baseUrl must be an http(s) URL');
  }
  for (const method of METHOD_IDS) {
    if (!endpoint.payoutPaths[method]) throw new TypeError(`no payout path for ${method}`);
    if (!endpoint.bankListPaths[method]) throw new TypeError(`no bank-list path for ${method}`);
  }
  if (!endpoint.statusPath) throw new TypeError('no status path');
}

export class GateClient {
  // Private fields: the secret never shows in util.inspect, JSON.stringify or a debugger's object preview.
  readonly #endpoint: GateEndpoint;
  readonly #timeoutMs: number;
  readonly #payoutDefaults: PayoutDefaults;
  readonly #now: () => number;
  readonly #limiter: Limiter;
  readonly #http: HttpPoster;
  #closed = false;

  constructor(endpoint: GateEndpoint, options: GateClientOptions) {
    checkEndpoint(endpoint);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.#endpoint = {
      ...endpoint,
      payoutPaths: { ...endpoint.payoutPaths },
      bankListPaths: { ...endpoint.bankListPaths },
    };
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(this.#timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    this.#payoutDefaults = { ...options.payoutDefaults };
    this.#now = options.now ?? Date.now;
    this.#limiter = new Limiter({ concurrency, requestsPerSecond: options.requestsPerSecond ?? 0 });
    this.#http = createHttpPoster({ maxSockets: concurrency });
  }

  /** The signed payout body for a journaled payout, with this client's endpoint and payout defaults. */
  buildPayoutRequest(payout: Omit<PayoutInstruction, 'method'>, region?: Region): SignedPayoutBody {
    return buildPayoutRequest(payout, this.#endpoint, this.#payoutDefaults, region);
  }

  /**
   * Sends one payout request, exactly once (no retry). Rejects only with GateClientClosedError (nothing
   * sent) or a TypeError for a body that is not for this project or not signed (nothing sent either).
   */
  async sendPayout(method: MethodId, body: SignedPayoutBody): Promise<SendOutcome> {
    if (body.general.project_id !== this.#endpoint.projectId) {
      throw new TypeError('payout body is for another project');
    }
    if (!body.general.signature) throw new TypeError('payout body is not signed');
    const path = this.#endpoint.payoutPaths[method];
    if (!path) throw new TypeError(`no payout path for ${method}`);
    const result = await this.#post(path, JSON.stringify(body));
    return classifyPayoutAnswer(result, body.general.payment_id, this.#endpoint.secretKey);
  }

  /**
   * Asks Gate where a payment stands. The answer is trusted only if its signature verifies; a verified answer
   * says in which order (`signatureOrder`).
   */
  async queryStatus(paymentId: string): Promise<EcommpayStatusOutcome> {
    const body = buildStatusRequest(this.#endpoint, paymentId);
    const result = await this.#post(this.#endpoint.statusPath, JSON.stringify(body));
    return classifyStatusAnswer(result, paymentId, this.#endpoint.secretKey);
  }

  /** The banks Gate currently lists for a method (unsigned answer: informational, for an admin to review). */
  async fetchBankList(method: MethodId, amountFen = DEFAULT_BANK_LIST_AMOUNT_FEN): Promise<BankListOutcome> {
    const path = this.#endpoint.bankListPaths[method];
    if (!path) return { ok: false, detail: `no bank-list path for ${method}` };
    // Any unique value will do: the bank list registers no payment.
    const paymentId = `banklist-${this.#now()}-${randomBytes(4).toString('hex')}`;
    const body = buildBankListRequest(this.#endpoint, paymentId, amountFen);
    const answer = parseBankListAnswer(await this.#post(path, JSON.stringify(body)));
    return answer.ok ? answer : { ok: false, detail: redact(answer.detail, this.#endpoint.secretKey) };
  }

  /** Resolves once no request is queued or in flight. */
  drain(): Promise<void> {
    return this.#limiter.drain();
  }

  /**
   * Refuses queued and future requests (they reject with GateClientClosedError) and destroys the sockets:
   * requests in flight end as unknown/network. Call drain() first for a graceful stop.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#limiter.stop();
    this.#http.close();
  }

  #url(path: string): string {
    return this.#endpoint.baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  }

  async #post(path: string, bodyText: string): Promise<HttpResult> {
    if (this.#closed) throw new GateClientClosedError();
    try {
      return await this.#limiter.schedule(() => this.#http.post(this.#url(path), bodyText, this.#timeoutMs));
    } catch (error) {
      if (error instanceof LimiterStoppedError) throw new GateClientClosedError();
      throw error;
    }
  }
}
