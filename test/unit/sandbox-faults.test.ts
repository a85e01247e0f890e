import { describe, expect, it } from 'vitest';
import { createFaultDrawer, FAULT_KINDS, type FaultPlan } from '../../electron/sandbox/faults.js';
import {
  DEFAULT_REQUIRE_ALL_FIELDS,
  MAX_RETRIED_OPERATIONS,
  resolveOptions,
} from '../../electron/sandbox/options.js';
import { createRandom, seedToUint32 } from '../../electron/sandbox/random.js';

const plan = (overrides: Partial<FaultPlan> = {}): FaultPlan => ({
  seed: 1,
  rate: 0.3,
  kinds: FAULT_KINDS,
  latencyMs: { min: 200, max: 1500 },
  ...overrides,
});

function draws(p: FaultPlan, n: number) {
  const draw = createFaultDrawer(p);
  return Array.from({ length: n }, () => draw());
}

describe('sandbox PRNG', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const c = createRandom(6);
    const seqA = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('treats 42 and "42" as the same seed', () => {
    expect(seedToUint32(42)).toBe(seedToUint32('42'));
    expect(seedToUint32('a')).not.toBe(seedToUint32('b'));
  });
});

describe('sandbox fault drawer', () => {
  it('is reproducible for a seed', () => {
    expect(draws(plan({ seed: 'x' }), 200)).toEqual(draws(plan({ seed: 'x' }), 200));
    expect(draws(plan({ seed: 'x' }), 200)).not.toEqual(draws(plan({ seed: 'y' }), 200));
  });

  it('never faults at rate 0 and always at rate 1', () => {
    expect(draws(plan({ rate: 0 }), 500).every((d) => d.kind === null)).toBe(true);
    expect(draws(plan({ rate: 1 }), 500).every((d) => d.kind !== null)).toBe(true);
  });

  it('draws kinds roughly uniformly and at roughly the rate', () => {
    const all = draws(plan({ rate: 0.5 }), 7000);
    const faulted = all.filter((d) => d.kind !== null);
    expect(faulted.length / all.length).toBeGreaterThan(0.45);
    expect(faulted.length / all.length).toBeLessThan(0.55);
    for (const kind of FAULT_KINDS) {
      const share = faulted.filter((d) => d.kind === kind).length / faulted.length;
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.19);
    }
  });

  it('keeps the n-th draw independent of the rate (three numbers per draw)', () => {
    // The same seed at rate 1 and rate 0.5: every request faulted at 0.5 gets the same kind as at 1.
    const always = draws(plan({ rate: 1 }), 300);
    const half = draws(plan({ rate: 0.5 }), 300);
    half.forEach((d, i) => {
      if (d.kind !== null) expect(d).toEqual(always[i]);
    });
  });

  it('gives latency faults a delay within the range, and others none', () => {
    for (const d of draws(plan({ rate: 1 }), 1000)) {
      if (d.kind === 'latency') {
        expect(d.extraDelayMs).toBeGreaterThanOrEqual(200);
        expect(d.extraDelayMs).toBeLessThanOrEqual(1500);
      } else expect(d.extraDelayMs).toBe(0);
    }
  });
});

describe('sandbox options', () => {
  it('defaults to loopback, project 200, no faults', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      projectId: 200,
      faultRate: 0,
      finalAfterMs: 2000,
      seed: 1,
    });
    expect(o.faults).toEqual([...FAULT_KINDS]);
  });

  it('defaults to the documented signature order, no retried operations, any method on the shared path', () => {
    expect(resolveOptions()).toMatchObject({
      requireAllFields: DEFAULT_REQUIRE_ALL_FIELDS,
      chinaunionpayMethod: 'any',
      statusSignatureOrder: 'documented',
      retriedOperations: 0,
    });
    expect(
      resolveOptions({
        requireAllFields: true,
        chinaunionpayMethod: 'cup-banks',
        statusSignatureOrder: 'sdk-numeric',
        retriedOperations: MAX_RETRIED_OPERATIONS,
      }),
    ).toMatchObject({
      requireAllFields: true,
      chinaunionpayMethod: 'cup-banks',
      statusSignatureOrder: 'sdk-numeric',
      retriedOperations: MAX_RETRIED_OPERATIONS,
    });
  });

  it.each([
    [{ faultRate: 2 }, 'faultRate'],
    [{ port: 70000 }, 'port'],
    [{ finalAfterMs: -1 }, 'finalAfterMs'],
    [{ faults: [] }, 'faults'],
    [{ faults: ['meteor' as never] }, 'meteor'],
    [{ secretKey: '' }, 'secretKey'],
    [{ faultLatencyMs: { min: 10, max: 5 } }, 'faultLatencyMs.max'],
    [{ requireAllFields: 'yes' as never }, 'requireAllFields'],
    [{ chinaunionpayMethod: 'cup-qr' as never }, 'chinaunionpayMethod'],
    [{ statusSignatureOrder: 'python' as never }, 'statusSignatureOrder'],
    [{ retriedOperations: MAX_RETRIED_OPERATIONS + 1 }, 'retriedOperations'],
    [{ retriedOperations: -1 }, 'retriedOperations'],
  ])('refuses %j', (options, mention) => {
    expect(() => resolveOptions(options)).toThrow(mention);
  });
});
