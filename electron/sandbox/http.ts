import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GateError } from './codes.js';

/** What a route decided to answer, before faults and delays are applied. */
export interface Reply {
  status: number;
  body: unknown;
}

export function jsonReply(status: number, body: unknown): Reply {
  return { status, body };
}

/** Gate's synchronous error shape (unsigned). */
export function errorReply(error: GateError): Reply {
  return { status: error.httpStatus, body: { status: 'error', code: error.code, message: error.message } };
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the request body as UTF-8; null when it is larger than any real Gate request. */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a reply. With `garble`, the body is cut in half: a JSON object missing its closing brace is
 * never valid JSON, which is the point of the `malformed_json` fault.
 */
export function sendReply(res: ServerResponse, reply: Reply, garble = false): void {
  const text = JSON.stringify(reply.body);
  const body = garble ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Parses JSON, returning undefined for anything that is not a JSON object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
