import { sign, type JsonValue } from '../../core/providers/ecommpay/signature.js';
import { ERRORS, invalidField, missingField, type GateError } from '../codes.js';
import type { SandboxContext } from '../context.js';
import { errorReply, jsonReply, parseJsonObject, type Reply } from '../http.js';
import { viewPayment, type OperationView } from '../lifecycle.js';
import { checkSignature, isObject, type JsonObject } from '../requestAuth.js';
import type { PaymentRecord } from '../store.js';
import { dataApiDate, parseRequestDate } from '../time.js';

export const DATA_API_MAX_LIMIT = 1000;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', '+00:00', 'Z']);

interface Query {
  from: number;
  to: number;
  limit: number;
  offset: number;
  types: Set<string> | null;
  statuses: Set<string> | null;
  fields: string[] | null;
  includesProject: boolean;
}

function stringSet(value: unknown): Set<string> | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return new Set([value]);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return new Set(value as string[]);
  return 'invalid';
}

function integerOr(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

type Parsed = { ok: true; query: Query } | { ok: false; reply: Reply };

function refuse(error: GateError): Parsed {
  return { ok: false, reply: errorReply(error) };
}

/** Reads the query part of the request. */
function parseQuery(body: JsonObject, projectId: number): Parsed {
  const projects = body['project_id'];
  if (!Array.isArray(projects) || projects.length === 0) return refuse(missingField('project_id'));
  if (!projects.every((p) => Number.isSafeInteger(Number(p)))) {
    return refuse(invalidField('project_id', 'must be an array of project ids'));
  }
  const interval = body['interval'];
  if (!isObject(interval)) return refuse(missingField('interval'));
  const from = typeof interval['from'] === 'string' ? parseRequestDate(interval['from']) : null;
  const to = typeof interval['to'] === 'string' ? parseRequestDate(interval['to']) : null;
  if (from === null) return refuse(invalidField('interval.from', 'expected YYYY-MM-DD hh:mm:ss'));
  if (to === null) return refuse(invalidField('interval.to', 'expected YYYY-MM-DD hh:mm:ss'));
  const tz = body['tz'];
  if (tz !== undefined && tz !== null && !(typeof tz === 'string' && UTC_ZONES.has(tz))) {
    return refuse(invalidField('tz', 'the sandbox serves UTC only'));
  }
  const limit = integerOr(body['limit'], DATA_API_MAX_LIMIT);
  if (limit === null || limit < 1 || limit > DATA_API_MAX_LIMIT) {
    return refuse(invalidField('limit', `must be an integer from 1 to ${DATA_API_MAX_LIMIT}`));
  }
  const offset = integerOr(body['offset'], 0);
  if (offset === null || offset < 0) return refuse(invalidField('offset', 'must be a non-negative integer'));
  const types = stringSet(body['operation_type']);
  const statuses = stringSet(body['operation_status']);
  const fields = stringSet(body['fields']);
  if (types === 'invalid') return refuse(invalidField('operation_type', 'must be a string or strings'));
  if (statuses === 'invalid') return refuse(invalidField('operation_status', 'must be a string or strings'));
  if (fields === 'invalid') return refuse(invalidField('fields', 'must be an array of strings'));
  return {
    ok: true,
    query: {
      from,
      to,
      limit,
      offset,
      types,
      statuses,
      fields: fields ? [...fields] : null,
      includesProject: projects.some((p) => Number(p) === projectId),
    },
  };
}

function operationItem(projectId: number, record: PaymentRecord, op: OperationView): JsonObject {
  const sum = { amount: record.amount, currency: record.currency };
  return {
    project_id: String(projectId),
    operation_id: String(op.id),
    payment_id: record.payment_id,
    operation_type: op.type,
    operation_status: op.status,
    account_number: record.account_number,
    payment_method_name: 'China UnionPay',
    payment_description: record.description,
    operation_created_at: dataApiDate(op.created_at),
    // Not completed yet: no completion time.
    operation_completed_at: op.completed ? dataApiDate(op.updated_at) : null,
    provider_date: dataApiDate(op.updated_at),
    sum_initial: sum,
    sum_converted: { ...sum },
    payment_provider_code: op.code,
    payment_provider_message: op.message,
  };
}

function pick(item: JsonObject, fields: string[] | null): JsonObject {
  if (!fields) return item;
  const out: JsonObject = {};
  for (const field of fields) if (field in item) out[field] = item[field] as JsonValue;
  return out;
}

/** Operations created within [from, to] (whole seconds, inclusive), oldest first. */
function selectOperations(ctx: SandboxContext, query: Query): JsonObject[] {
  if (!query.includesProject) return [];
  const now = ctx.now();
  const { projectId } = ctx.options;
  const rows: Array<{ op: OperationView; item: JsonObject }> = [];
  for (const record of ctx.store.list()) {
    for (const op of viewPayment(record, now, projectId).operations) {
      const createdSecond = Math.floor(op.created_at / 1000) * 1000;
      if (createdSecond < query.from || createdSecond > query.to) continue;
      if (query.types && !query.types.has(op.type)) continue;
      if (query.statuses && !query.statuses.has(op.status)) continue;
      rows.push({ op, item: operationItem(projectId, record, op) });
    }
  }
  rows.sort((a, b) => a.op.created_at - b.op.created_at || a.op.id - b.op.id);
  return rows.slice(query.offset, query.offset + query.limit).map((row) => pick(row.item, query.fields));
}

/**
 * `POST /v1/operations/get` (the Data API, normally on data.ecommpay.com): operations of the sandbox's
 * payouts, paginated by `offset`/`limit`, signed (top-level `signature`) with the token's secret.
 */
export function handleDataApi(ctx: SandboxContext, raw: string): Reply {
  const { dataApiToken, dataApiSecret, projectId } = ctx.options;
  const body = parseJsonObject(raw) as JsonObject | undefined;
  if (!body) return errorReply(ERRORS.malformedJson);
  const signatureProblem = checkSignature(body, body['signature'], dataApiSecret);
  if (signatureProblem) return signatureProblem;
  if (body['token'] !== dataApiToken) return errorReply(ERRORS.dataApiToken);

  const parsed = parseQuery(body, projectId);
  if (!parsed.ok) return parsed.reply;
  const answer: JsonObject = { operations: selectOperations(ctx, parsed.query) };
  return jsonReply(200, { ...answer, signature: sign(answer, dataApiSecret) });
}
