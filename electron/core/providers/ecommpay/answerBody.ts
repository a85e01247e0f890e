/** Reading Gate answer bodies: lenient JSON parsing and the `{"status":"error","code","message"}` shape. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parsed body, or `undefined` when it is not JSON at all. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A code as Gate may send it (string or number), as a string; null when absent. */
export function codeText(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export interface GateErrorBody {
  code: string;
  message: string;
}

/** Gate's synchronous error body; `status` may be missing, `code` may not. */
export function errorBodyOf(body: unknown): GateErrorBody | null {
  if (!isRecord(body) || body['status'] === 'success') return null;
  const code = codeText(body['code']);
  if (code === null) return null;
  return { code, message: textOrNull(body['message']) ?? '' };
}

/** A safe one-line description of an HTTP answer that is not what was expected (the body is never quoted). */
export function describeAnswer(status: number, bodyText: string, what: string): string {
  return `HTTP ${status}: ${what} (${Buffer.byteLength(bodyText, 'utf8')} bytes)`;
}
