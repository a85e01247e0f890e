/**
 * Computop Paygate over HTTP, as the adapter (provider.ts) uses it: credit and inquiry requests sealed into
 * form bodies, their answers opened and verified (answers.ts). Every request goes through one limiter
 * (concurrency and rate) and one keep-alive socket pool. Network and provider conditions come back as
 * results, never as exceptions; the client never retries by itself and decides nothing about money.
 */
import { createHttpPoster, type HttpPoster, type HttpResult } from '../transport/http.js';
import { Limiter, LimiterStoppedError } from '../transport/limiter.js';
import { redact } from '../redact.js';
import {
  readCreditAnswer,
  readInquiryAnswer,
  type AnswerExpectation,
  type CreditAnswer,
  type InquiryAnswer,
  type PaygateResult,
} from './answers.js';
import { checkMerchantId, inquiryFields, type CreditRequest } from './creditRequest.js';
import { creditUrl, inquiryUrl, type PaygateEndpoint } from './endpoints.js';
import { sealRequest } from './paygateCrypto.js';

export interface PaygateClientOptions {
  concurrency: number;
  requestsPerSecond: number;
  timeoutMs: number;
}

/** The client was closed before this request could be sent: nothing reached Paygate. */
export class PaygateClientClosedError extends Error {
  constructor() {
    super('the Paygate client is closed; the request was not sent');
    this.name = 'PaygateClientClosedError';
  }
}

/** Refuses an endpoint the client could only fail with later, naming the field but never a password. */
function checkEndpoint(endpoint: PaygateEndpoint): void {
  if (!/^https?:\/\//.test(endpoint.baseUrl) || !URL.canParse(endpoint.baseUrl)) {
    throw new TypeError('baseUrl must be an http(s) URL');
  }
  checkMerchantId(endpoint.merchantId);
  if (!endpoint.hmacPassword) throw new TypeError('hmacPassword is empty');
  const blowfishBytes = Buffer.byteLength(endpoint.blowfishPassword, 'utf8');
  if (blowfishBytes < 1 || blowfishBytes > 56) throw new TypeError('blowfishPassword must be 1 to 56 bytes');
}

export class PaygateClient {
  // Private fields: the passwords never show in util.inspect, JSON.stringify or a debugger's object preview.
  readonly #endpoint: PaygateEndpoint;
  readonly #timeoutMs: number;
  readonly #limiter: Limiter;
  readonly #http: HttpPoster;
  #closed = false;

  constructor(endpoint: PaygateEndpoint, options: PaygateClientOptions) {
    checkEndpoint(endpoint);
    if (!(options.timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    this.#endpoint = { ...endpoint };
    this.#timeoutMs = options.timeoutMs;
    this.#limiter = new Limiter({
      concurrency: options.concurrency,
      requestsPerSecond: options.requestsPerSecond,
    });
    this.#http = createHttpPoster({
      maxSockets: options.concurrency,
      contentType: 'application/x-www-form-urlencoded',
      accept: '*/*',
    });
  }

  get merchant(): { merchantId: string; hmacPassword: string } {
    return { merchantId: this.#endpoint.merchantId, hmacPassword: this.#endpoint.hmacPassword };
  }

  /** Sends one credit (sealed here), exactly once. Rejects only with PaygateClientClosedError. */
  async credit(request: CreditRequest): Promise<PaygateResult<CreditAnswer>> {
    const result = await this.#post(creditUrl(this.#endpoint), request.fields);
    return this.#redacted(
      readCreditAnswer(result, this.#expect({ payId: request.payId, transId: request.transId })),
    );
  }

  /** Asks for a payment's captured and credited amounts by PayID (TransID: the refund asking). */
  async inquire(payId: string, transId: string): Promise<PaygateResult<InquiryAnswer>> {
    const fields = inquiryFields(payId, transId, this.merchant);
    const result = await this.#post(inquiryUrl(this.#endpoint), fields);
    return this.#redacted(readInquiryAnswer(result, this.#expect({ payId })));
  }

  /** Resolves once no request is queued or in flight. */
  drain(): Promise<void> {
    return this.#limiter.drain();
  }

  /** Refuses queued and future requests and destroys the sockets: requests in flight end as network errors. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#limiter.stop();
    this.#http.close();
  }

  #expect(ids: { payId: string; transId?: string }): AnswerExpectation {
    const { merchantId, hmacPassword, blowfishPassword } = this.#endpoint;
    return { merchantId, hmacPassword, blowfishPassword, ...ids };
  }

  /** A detail never carries a password, whatever an error message quoted. */
  #redacted<T>(result: PaygateResult<T>): PaygateResult<T> {
    if (result.ok) return result;
    const hidden = redact(
      redact(result.detail, this.#endpoint.hmacPassword),
      this.#endpoint.blowfishPassword,
    );
    return { ...result, detail: hidden };
  }

  async #post(url: string, fields: ReadonlyArray<readonly [string, string]>): Promise<HttpResult> {
    if (this.#closed) throw new PaygateClientClosedError();
    const body = sealRequest(fields, this.#endpoint);
    try {
      return await this.#limiter.schedule(() => this.#http.post(url, body, this.#timeoutMs));
    } catch (error) {
      if (error instanceof LimiterStoppedError) throw new PaygateClientClosedError();
      throw error;
    }
  }
}
