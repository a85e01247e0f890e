/**
 * The Data API client (reconciliation's online source): `POST /v1/operations/get` signed like Gate with the
 * Dashboard token's secret, read page by page (`limit` 1000, `offset`) until a short page, each answer's
 * signature verified. The answers are kept as received: the caller hashes and reads them like a saved file.
 */
import { sign, verify, type JsonValue } from './signature.js';

export const DATA_API_BASE_URL = 'https://data.ecommpay.com';
export const DATA_API_PATH = '/v1/operations/get';
export const DATA_API_PAGE_SIZE = 1000;

export interface DataApiQuery {
  baseUrl: string;
  token: string;
  secret: string;
  projectId: number;
  /** `YYYY-MM-DD hh:mm:ss`, UTC, both included. */
  from: string;
  to: string;
  pageSize?: number;
  timeoutMs?: number;
  /** At most this many pages (a runaway answer never loops forever). */
  maxPages?: number;
}

/** Why the operations could not be read: shown to the user, never a secret. */
export class DataApiError extends Error {
  override readonly name = 'DataApiError';
}

type JsonObject = Record<string, JsonValue>;

async function postPage(query: DataApiQuery, offset: number, limit: number): Promise<JsonObject> {
  const body: JsonObject = {
    token: query.token,
    project_id: [query.projectId],
    interval: { from: query.from, to: query.to },
    tz: 'UTC',
    limit,
    offset,
  };
  let response: Response;
  try {
    response = await fetch(new URL(DATA_API_PATH, query.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, signature: sign(body, query.secret) }),
      signal: AbortSignal.timeout(query.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new DataApiError(`no answer from ${new URL(query.baseUrl).host}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new DataApiError(`HTTP ${response.status}, not JSON`);
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
    throw new DataApiError(`HTTP ${response.status}, not an answer object`);
  const object = answer as JsonObject;
  if (!response.ok || !Array.isArray(object['operations'])) {
    const message = typeof object['message'] === 'string' ? `: ${object['message'].slice(0, 120)}` : '';
    throw new DataApiError(`HTTP ${response.status}${message}`);
  }
  // An answer that is not signed with the token's secret is not the provider's word.
  if (!verify(object, query.secret)) throw new DataApiError('the answer carries no valid signature');
  return object;
}

/** Every page of operations created in the range, as received and verified. */
export async function fetchOperationPages(query: DataApiQuery): Promise<JsonObject[]> {
  const limit = query.pageSize ?? DATA_API_PAGE_SIZE;
  const maxPages = query.maxPages ?? 10_000;
  const pages: JsonObject[] = [];
  for (let offset = 0; pages.length < maxPages; offset += limit) {
    const page = await postPage(query, offset, limit);
    pages.push(page);
    if ((page['operations'] as JsonValue[]).length < limit) return pages;
  }
  throw new DataApiError(`more than ${maxPages} pages`);
}
