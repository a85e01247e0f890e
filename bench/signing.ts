/**
 * Gate signing throughput: `sign(body, secret)` over realistic payout request bodies, against a raw
 * HMAC-SHA512 over the same strings-to-sign precomputed (the baseline). The difference is what
 * flattening, sorting and joining the body costs.
 */
import { createHmac } from 'node:crypto';
import { buildPayoutRequest } from '../electron/core/providers/ecommpay/payoutRequest.js';
import {
  sign,
  stringToSign,
  withoutSignature,
  type JsonValue,
} from '../electron/core/providers/ecommpay/signature.js';
import { sandboxEndpoint } from '../electron/core/providers/ecommpay/endpoints.js';
import { PAYOUT_DEFAULTS, regions, storedPayouts } from './payoutFixtures.js';
import { interleaved, median, perSecond, printTable, ratio, timeOnce, type BenchRow } from './measure.js';

export interface SigningBenchOptions {
  /** Distinct payout bodies. */
  bodies: number;
  /** Passes over all bodies per measurement, so one measurement lasts long enough to time. */
  passes: number;
  runs: number;
}

// A production-like secret: 40 hex characters (the sandbox key is shorter, HMAC cost barely depends on it).
const SECRET = 'c7b1e0f4a9d2385b6e0f1a2b3c4d5e6f708192a3';

export async function benchSigning({ bodies: count, passes, runs }: SigningBenchOptions): Promise<boolean> {
  const endpoint = { ...sandboxEndpoint('http://127.0.0.1:1'), secretKey: SECRET };
  const bodies = storedPayouts(count, 'SIG').map(
    (payout) =>
      withoutSignature(
        buildPayoutRequest(payout, endpoint, PAYOUT_DEFAULTS, regions.get(payout.region_id)),
      ) as unknown as Record<string, JsonValue>,
  );
  const strings = bodies.map((body) => stringToSign(body));
  const averageLength = Math.round(strings.reduce((sum, s) => sum + s.length, 0) / strings.length);

  // Every digest's length is summed into `sink`, so no work can be optimised away.
  let sink = 0;
  const repeat = (fn: () => void) => () =>
    timeOnce(() => {
      for (let pass = 0; pass < passes; pass++) fn();
    });
  const results = await interleaved(runs, {
    raw: repeat(() => {
      for (const text of strings) sink += createHmac('sha512', SECRET).update(text).digest('base64').length;
    }),
    flatten: repeat(() => {
      for (const body of bodies) sink += stringToSign(body).length;
    }),
    sign: repeat(() => {
      for (const body of bodies) sink += sign(body, SECRET).length;
    }),
  });
  if (sink === 0) throw new Error('signing produced nothing');

  const signatures = count * passes;
  const rawMs = median(results.raw);
  const flattenMs = median(results.flatten);
  const signMs = median(results.sign);
  const usPer = (ms: number) => `${((ms * 1000) / signatures).toFixed(1)} µs each`;
  const table: BenchRow[] = [
    {
      name: `raw createHmac sha512 over precomputed strings (${count.toLocaleString('en-US')} bodies, ~${averageLength} chars)`,
      value: `${perSecond(signatures, rawMs)} · ${usPer(rawMs)}`,
      baseline: '—',
      ratio: '1.00×',
      goal: 'baseline',
      met: null,
    },
    {
      name: 'sign(body, secret): flatten + sort + join + HMAC',
      value: `${perSecond(signatures, signMs)} · ${usPer(signMs)}`,
      baseline: perSecond(signatures, rawMs),
      ratio: ratio(signMs, rawMs),
      goal: 'report',
      met: null,
    },
    {
      name: 'of which stringToSign only (flatten + sort + join)',
      value: `${perSecond(signatures, flattenMs)} · ${usPer(flattenMs)}`,
      baseline: perSecond(signatures, rawMs),
      ratio: ratio(flattenMs, rawMs),
      goal: 'report',
      met: null,
    },
  ];
  printTable(
    `Gate signing: ${signatures.toLocaleString('en-US')} signatures per measurement, median of ${runs} runs`,
    table,
  );
  console.log('\nRatio = time per signature relative to the raw HMAC (higher = slower).');
  return true;
}
