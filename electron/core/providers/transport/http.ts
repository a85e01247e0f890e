/**
 * A small JSON-over-HTTP(S) poster for the Gate: keep-alive sockets, a whole-request deadline, and no
 * exceptions for network conditions. It never retries on its own: whether a payout may be sent again is
 * the engine's decision, made after a status query.
 */
import http from 'node:http';
import https from 'node:https';
import { describeError } from '../redact.js';

/**
 * An answer, or why there is none. `unreachable`: the connection never came up (refused, no such host, TLS
 * failed, the deadline passed first), so not one byte of the request left; `network` and `timeout`: the
 * request may have reached the other side.
 */
export type HttpResult =
  { status: number; bodyText: string } | { error: 'unreachable' | 'timeout' | 'network'; detail: string };

export interface HttpPosterOptions {
  /** Sockets per origin; matches the client's concurrency. */
  maxSockets: number;
  /** The request body's type; JSON unless said (Computop's Paygate takes form-encoded bodies). */
  contentType?: string;
  /** The answer types asked for; JSON unless said. */
  accept?: string;
}

export interface HttpPoster {
  post(url: string, bodyText: string, timeoutMs: number): Promise<HttpResult>;
  /** Destroys every socket; requests still in flight end as network errors. */
  close(): void;
}

class TimeoutError extends Error {}

const secure = (url: string) => url.startsWith('https:');

export function createHttpPoster(options: HttpPosterOptions): HttpPoster {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  /** The request, not yet sent; or why it cannot be made (a bad base URL is configuration, not an exception). */
  function open(url: string, length: number): http.ClientRequest | string {
    try {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      return (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: {
          'Content-Type': options.contentType ?? 'application/json',
          'Content-Length': length,
          Accept: options.accept ?? 'application/json',
        },
      });
    } catch (error) {
      return `cannot send: ${describeError(error)}`;
    }
  }

  function post(url: string, bodyText: string, timeoutMs: number): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve) => {
      const payload = Buffer.from(bodyText, 'utf8');
      const request = open(url, payload.length);
      if (typeof request === 'string') {
        resolve({ error: 'unreachable', detail: request });
        return;
      }

      // A whole-request deadline (connect + send + answer), not an idle timeout. Destroying the request
      // destroys its socket, so a late answer can never be read as the answer to another request.
      const timer = setTimeout(() => request.destroy(new TimeoutError()), timeoutMs);
      let settled = false;
      const finish = (result: HttpResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      // A request leaves only over a connected socket: a reused keep-alive one, or a new one once connected
      // (for https: once the TLS handshake is done).
      let connected = false;
      request.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once(secure(url) ? 'secureConnect' : 'connect', () => (connected = true));
      });
      const onFailure = (error: unknown): void => {
        if (!connected) {
          const why =
            error instanceof TimeoutError ? `no connection within ${timeoutMs} ms` : describeError(error);
          finish({ error: 'unreachable', detail: why });
        } else if (error instanceof TimeoutError)
          finish({ error: 'timeout', detail: `no answer within ${timeoutMs} ms` });
        else finish({ error: 'network', detail: describeError(error) });
      };

      request.on('error', onFailure);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', onFailure);
        // 'close' without 'end': the connection dropped mid-answer.
        response.on('close', () => {
          if (!response.complete) onFailure(new Error('connection closed before the answer was complete'));
        });
        response.on('end', () =>
          finish({ status: response.statusCode ?? 0, bodyText: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      request.end(payload);
    });
  }

  return {
    post,
    close(): void {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
