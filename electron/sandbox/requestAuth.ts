import { timingSafeEqual } from 'node:crypto';
import { sign, type JsonValue } from '../core/providers/ecommpay/signature.js';
import { ERRORS, missingField } from './codes.js';
import { errorReply, parseJsonObject, type Reply } from './http.js';

export type JsonObject = Record<string, JsonValue>;

export type Checked = { ok: true; body: JsonObject; general: JsonObject } | { ok: false; reply: Reply };

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks a signature the client put in `given` against the body (signed without its signature).
 * A body the algorithm cannot sign (a float somewhere) cannot carry a valid signature either.
 */
export function checkSignature(body: JsonObject, given: unknown, secret: string): Reply | null {
  if (typeof given !== 'string' || given.length === 0) return errorReply(ERRORS.signatureMissing);
  let expected: string;
  try {
    expected = sign(body, secret);
  } catch {
    return errorReply(ERRORS.signatureWrong);
  }
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b) ? null : errorReply(ERRORS.signatureWrong);
}

/**
 * The checks every Gate request goes through, in Gate's order: JSON (422), signature in
 * `general.signature` (3262 empty, 3261 wrong), then the project (2004 missing, 3001 unknown).
 */
export function checkGateRequest(raw: string, projectId: number, secret: string): Checked {
  const body = parseJsonObject(raw) as JsonObject | undefined;
  if (!body) return { ok: false, reply: errorReply(ERRORS.malformedJson) };
  const general = isObject(body['general']) ? body['general'] : {};

  const signatureProblem = checkSignature(body, general['signature'], secret);
  if (signatureProblem) return { ok: false, reply: signatureProblem };

  const project = general['project_id'];
  if (project === undefined || project === null || (typeof project === 'string' && project.trim() === '')) {
    return { ok: false, reply: errorReply(missingField('general.project_id')) };
  }
  if (Number(project) !== projectId) return { ok: false, reply: errorReply(ERRORS.projectUnknown) };
  return { ok: true, body, general };
}
