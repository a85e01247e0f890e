/**
 * Blowfish (Schneier, 1993) in ECB mode, in plain TypeScript: Computop Paygate encrypts its `Data` with it,
 * and neither Node's default OpenSSL 3 (Blowfish sits in the legacy provider) nor Electron's BoringSSL has it.
 *
 * Blocks are 8 bytes, read as two big-endian 32-bit halves (the standard byte order). The initial P-array and
 * S-boxes are the hexadecimal digits of pi's fractional part; they are computed once, on first use, rather
 * than written out as 1,042 opaque numbers (the known-answer tests prove them).
 */

const ROUNDS = 16;
const P_WORDS = ROUNDS + 2;
const S_BOX_WORDS = 256;
const BLOCK_BYTES = 8;
export const MIN_KEY_BYTES = 1;
export const MAX_KEY_BYTES = 56;

/** The first `words` 32-bit words of pi's fractional part in hexadecimal (0x243F6A88, 0x85A308D3, …). */
function piFractionWords(words: number): Uint32Array {
  const bits = BigInt(words * 32);
  // Spare low bits absorb the rounding of each truncating division below.
  const guard = 64n;
  const one = 1n << (bits + guard);
  // Machin: pi = 16·atan(1/5) − 4·atan(1/239), each atan(1/x) = Σ (−1)^k / ((2k+1)·x^(2k+1)), in fixed point.
  const atanInverse = (x: bigint): bigint => {
    const xSquared = x * x;
    let power = one / x;
    let sum = 0n;
    for (let k = 0n; power !== 0n; k += 1n) {
      const term = power / (2n * k + 1n);
      sum += k % 2n === 0n ? term : -term;
      power /= xSquared;
    }
    return sum;
  };
  const pi = 16n * atanInverse(5n) - 4n * atanInverse(239n);
  const fraction = (pi - 3n * one) >> guard;
  const hex = fraction.toString(16).padStart(words * 8, '0');
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i += 1) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}

interface InitialState {
  p: Uint32Array;
  s: Uint32Array; // the four S-boxes, one after another
}

let initial: InitialState | null = null;

function initialState(): InitialState {
  if (!initial) {
    const digits = piFractionWords(P_WORDS + 4 * S_BOX_WORDS);
    initial = { p: digits.slice(0, P_WORDS), s: digits.slice(P_WORDS) };
  }
  return initial;
}

/** The key-dependent P-array and S-boxes; `encrypt`/`decrypt` work on one block held in `block`. */
class KeySchedule {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  /** The block being worked on: [left, right]. */
  readonly block = new Uint32Array(2);

  constructor(key: Uint8Array) {
    const start = initialState();
    this.p = start.p.slice();
    this.s = start.s.slice();
    // The key, cycled, is XORed into the P-array one big-endian word at a time.
    let at = 0;
    for (let i = 0; i < P_WORDS; i += 1) {
      let word = 0;
      for (let b = 0; b < 4; b += 1) {
        word = ((word << 8) | key[at]!) >>> 0;
        at = (at + 1) % key.length;
      }
      this.p[i] = (this.p[i]! ^ word) >>> 0;
    }
    // Then the all-zero block is encrypted over and over, each result replacing the next two entries.
    this.block[0] = 0;
    this.block[1] = 0;
    for (let i = 0; i < P_WORDS; i += 2) {
      this.encrypt();
      this.p[i] = this.block[0]!;
      this.p[i + 1] = this.block[1]!;
    }
    for (let i = 0; i < 4 * S_BOX_WORDS; i += 2) {
      this.encrypt();
      this.s[i] = this.block[0]!;
      this.s[i + 1] = this.block[1]!;
    }
  }

  private f(x: number): number {
    const s = this.s;
    const a = s[x >>> 24]!;
    const b = s[S_BOX_WORDS + ((x >>> 16) & 0xff)]!;
    const c = s[2 * S_BOX_WORDS + ((x >>> 8) & 0xff)]!;
    const d = s[3 * S_BOX_WORDS + (x & 0xff)]!;
    return ((((a + b) >>> 0) ^ c) + d) >>> 0;
  }

  encrypt(): void {
    let left = this.block[0]!;
    let right = this.block[1]!;
    for (let i = 0; i < ROUNDS; i += 1) {
      left = (left ^ this.p[i]!) >>> 0;
      right = (right ^ this.f(left)) >>> 0;
      [left, right] = [right, left];
    }
    // Undo the last swap, then whiten with the last two P entries.
    [left, right] = [right, left];
    this.block[0] = (left ^ this.p[ROUNDS + 1]!) >>> 0;
    this.block[1] = (right ^ this.p[ROUNDS]!) >>> 0;
  }

  decrypt(): void {
    let left = this.block[0]!;
    let right = this.block[1]!;
    for (let i = ROUNDS + 1; i > 1; i -= 1) {
      left = (left ^ this.p[i]!) >>> 0;
      right = (right ^ this.f(left)) >>> 0;
      [left, right] = [right, left];
    }
    [left, right] = [right, left];
    this.block[0] = (left ^ this.p[0]!) >>> 0;
    this.block[1] = (right ^ this.p[1]!) >>> 0;
  }
}

function scheduleFor(key: Uint8Array): KeySchedule {
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw new RangeError(`a Blowfish key has ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes, not ${key.length}`);
  }
  return new KeySchedule(key);
}

/** Runs every 8-byte block of `input` (a multiple of 8 bytes) through `step`, into a new array. */
function eachBlock(input: Uint8Array, schedule: KeySchedule, step: () => void): Uint8Array {
  const output = new Uint8Array(input.length);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const outView = new DataView(output.buffer);
  for (let at = 0; at < input.length; at += BLOCK_BYTES) {
    schedule.block[0] = view.getUint32(at, false);
    schedule.block[1] = view.getUint32(at + 4, false);
    step();
    outView.setUint32(at, schedule.block[0]!, false);
    outView.setUint32(at + 4, schedule.block[1]!, false);
  }
  return output;
}

/**
 * Encrypts `plain` block by block, zero-padding it to a multiple of 8 bytes (Paygate's padding: the reader
 * cuts the plaintext to its announced length). Empty input gives empty output. The key is 1–56 bytes, used
 * as given (never padded).
 */
export function blowfishEcbEncrypt(plain: Uint8Array, key: Uint8Array): Uint8Array {
  const schedule = scheduleFor(key);
  const padded = new Uint8Array(Math.ceil(plain.length / BLOCK_BYTES) * BLOCK_BYTES);
  padded.set(plain);
  return eachBlock(padded, schedule, () => schedule.encrypt());
}

/** Decrypts whole blocks; `cipher` must be a multiple of 8 bytes. Any padding is left for the caller to cut. */
export function blowfishEcbDecrypt(cipher: Uint8Array, key: Uint8Array): Uint8Array {
  if (cipher.length % BLOCK_BYTES !== 0) {
    throw new RangeError(`Blowfish ciphertext is whole 8-byte blocks; ${cipher.length} bytes is not`);
  }
  const schedule = scheduleFor(key);
  return eachBlock(cipher, schedule, () => schedule.decrypt());
}
