/**
 * TransIDs: the merchant's unique id of each credit at Computop (ans..64). A file may give its own; a row that
 * leaves it empty gets a generated one.
 */
import { randomBytes } from 'node:crypto';

export const TRANS_ID_MAX_LENGTH = 64;

/**
 * Printable ASCII without spaces and without the characters that structure the request's `Data`
 * (`key=value&…`) or its form encoding (`%`, `+`): a TransID then travels, is signed and is matched back
 * exactly as written.
 */
const TRANS_ID = /^[\x21-\x7e]+$/;
const STRUCTURAL = /[&=%+]/;

export type TransIdProblem = 'length' | 'charset';

/** Why a TransID a file gives cannot be used; null when it can. */
export function transIdProblem(value: string): TransIdProblem | null {
  if (value.length > TRANS_ID_MAX_LENGTH) return 'length';
  if (!TRANS_ID.test(value) || STRUCTURAL.test(value)) return 'charset';
  return null;
}

/** RFC 4648 base-32 letters: upper case and digits only, none that reads like another (no 0, 1, 8, 9). */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const RANDOM_CHARS = 12;

/**
 * A new TransID: `RF`, the UTC time to the second (yyyymmddHHMMSS) and 12 random base-32 characters (60 bits),
 * e.g. `RF20261201093015K7QZ2MX4PA3D`: 28 characters, sortable by time, and never the same twice in practice.
 */
export function generateTransId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const bytes = randomBytes(RANDOM_CHARS);
  let random = '';
  // 32 letters divide 256 evenly: each byte's low five bits pick one without bias.
  for (const byte of bytes) random += BASE32[byte & 31];
  return `RF${stamp}${random}`;
}
