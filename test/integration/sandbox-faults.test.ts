import { afterEach, describe, expect, it } from 'vitest';
import { verify, type JsonValue } from '../../electron/core/providers/ecommpay/signature.js';
import {
  startSandbox,
  type FaultKind,
  type RunningSandbox,
  type SandboxOptions,
} from '../../electron/sandbox/index.js';
import { postJson, signedPayoutBody, signedStatusBody } from '../../electron/sandbox/testing.js';

// Each fault kind forced (rate 1), then seeded reproducibility. Real time, short delays.

const PAYOUT = '/v2/payment/chinaunionpay/payout';
const STATUS = '/v2/payment/status';
const running: RunningSandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(options: SandboxOptions): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ finalAfterMs: 50, ...options });
  running.push(sandbox);
  return sandbox;
}

function forced(kind: FaultKind) {
  return start({ faultRate: 1, faults: [kind] });
}

/** A valid CUP P2P payout for `paymentId`. */
function payoutTo(sandbox: RunningSandbox, paymentId: string, amount = 10000) {
  return postJson(
    sandbox.url + PAYOUT,
    signedPayoutBody({ projectId: 200, paymentId, amount }, sandbox.secretKey),
  );
}

function statusOf(sandbox: RunningSandbox, paymentId: string) {
  return postJson(sandbox.url + STATUS, signedStatusBody(200, paymentId, sandbox.secretKey));
}

const registered = (sandbox: RunningSandbox) => sandbox.ledger().map((e) => e.payment_id);

describe('sandbox faults, one kind at a time', () => {
  it('latency: answers normally after the extra delay', async () => {
    const sandbox = await start({
      faultRate: 1,
      faults: ['latency'],
      faultLatencyMs: { min: 120, max: 120 },
    });
    const started = performance.now();
    const answer = await payoutTo(sandbox, 'lat-1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(answer.status).toBe(200);
    expect(registered(sandbox)).toEqual(['lat-1']);
    expect(sandbox.stats().faultLog).toEqual([
      { sequence: 1, route: 'payout', kind: 'latency', extraDelayMs: 120, payment_id: 'lat-1' },
    ]);
  });

  it('http500: 500 Platform unavailable, not registered, but counted', async () => {
    const sandbox = await forced('http500');
    const answer = await payoutTo(sandbox, 'h500');
    expect([answer.status, answer.json]).toEqual([
      500,
      { status: 'error', code: '500', message: 'Platform unavailable' },
    ]);
    expect(registered(sandbox)).toEqual([]);
    expect(sandbox.requestCounts()).toEqual([{ payment_id: 'h500', requests: 1, registered: false }]);
    expect((await statusOf(sandbox, 'h500')).status).toBe(500);
  });

  it('drop_before_register: the socket closes without an answer, nothing registered', async () => {
    const sandbox = await forced('drop_before_register');
    await expect(payoutTo(sandbox, 'drop-b')).rejects.toThrow();
    expect(registered(sandbox)).toEqual([]);
    const counts = await (await fetch(sandbox.url + '/__sandbox/requests')).json();
    expect(counts).toEqual([{ payment_id: 'drop-b', requests: 1, registered: false }]);
    await expect(statusOf(sandbox, 'drop-b')).rejects.toThrow();
  });

  it('drop_after_register: registered, yet the client sees a socket error', async () => {
    const sandbox = await forced('drop_after_register');
    await expect(payoutTo(sandbox, 'drop-a')).rejects.toThrow();
    expect(sandbox.ledger()).toEqual([
      {
        payment_id: 'drop-a',
        amount: 10000,
        status: 'processing',
        requests: 1,
        requests_after_registered: 0,
      },
    ]);
    // The resend the engine might make is refused as a duplicate (also dropped here, but counted).
    await expect(payoutTo(sandbox, 'drop-a')).rejects.toThrow();
    expect(sandbox.ledger()[0]?.requests).toBe(2);
  });

  it('malformed_json: the payout registers, the 200 answer is not JSON; status answers are garbled too', async () => {
    const sandbox = await forced('malformed_json');
    const answer = await payoutTo(sandbox, 'garbled');
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(answer.text.startsWith('{"status":"success"')).toBe(true);
    expect(registered(sandbox)).toEqual(['garbled']);
    const status = await statusOf(sandbox, 'garbled');
    expect([status.status, status.json]).toEqual([200, undefined]);
  });

  it('bad_signature: status answers fail verification; payouts are unaffected', async () => {
    const sandbox = await forced('bad_signature');
    expect((await payoutTo(sandbox, 'bad-sig')).status).toBe(200);
    const status = await statusOf(sandbox, 'bad-sig');
    const body = status.json as Record<string, JsonValue>;
    expect(status.status).toBe(200);
    expect((body['payment'] as { status: string }).status).toBe('processing');
    expect(typeof body['signature']).toBe('string');
    expect(verify(body, sandbox.secretKey)).toBe(false);
  });

  it('temporary_3062: an existing payment is reported as not found (3062), correctly signed', async () => {
    const sandbox = await forced('temporary_3062');
    expect((await payoutTo(sandbox, 'tmp')).status).toBe(200);
    const body = (await statusOf(sandbox, 'tmp')).json as Record<string, JsonValue>;
    expect(verify(body, sandbox.secretKey)).toBe(true);
    expect(body['payment']).toEqual({ id: 'tmp', status: 'error' });
    expect(body['errors']).toEqual([{ code: '3062', message: 'Payment not found' }]);
    expect(registered(sandbox)).toEqual(['tmp']);
  });

  it('never applies to the bank list, the Data API or control routes', async () => {
    const sandbox = await forced('http500');
    expect((await fetch(sandbox.url + '/__sandbox/ledger')).status).toBe(200);
    const list = await postJson(sandbox.url + '/v2/info/banks/chinaunionpay/payout/list', {
      general: { project_id: 200, payment_id: 'x', signature: 'wrong' },
    });
    expect(list.status).toBe(400);
    expect(sandbox.stats().faults.http500).toBe(0);
  });
});

describe('sandbox faults, seeded', () => {
  async function run(seed: number | string): Promise<string[]> {
    const sandbox = await start({
      seed,
      faultRate: 0.5,
      faults: ['http500', 'temporary_3062', 'bad_signature'],
    });
    await payoutTo(sandbox, 'seeded'); // may or may not register: that is part of the sequence
    const outcomes: string[] = [];
    for (let i = 0; i < 24; i++) {
      const answer = await statusOf(sandbox, 'seeded');
      const body = answer.json as Record<string, JsonValue>;
      const errors = body['errors'] as Array<{ code: string }> | undefined;
      outcomes.push(
        `${answer.status}:${errors?.[0]?.code ?? '-'}:${answer.status === 200 && verify(body, sandbox.secretKey)}`,
      );
    }
    const log = sandbox.stats().faultLog.map((e) => `${e.sequence}${e.kind}`);
    return [...outcomes, ...log];
  }

  it('the same seed gives the same faults, another seed others', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run('another seed');
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(a.some((o) => o.startsWith('500'))).toBe(true);
  });

  it('a fault rate of 0 never faults', async () => {
    const sandbox = await start({ faultRate: 0 });
    for (let i = 0; i < 10; i++) expect((await statusOf(sandbox, 'none')).status).toBe(200);
    expect(sandbox.stats().faultLog).toEqual([]);
    expect(sandbox.stats().requests.status).toBe(10);
  });

  it('reaches final status in real time (finalAfterMs 50)', async () => {
    const sandbox = await start({});
    await payoutTo(sandbox, 'rt', 40400);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const body = (await statusOf(sandbox, 'rt')).json as Record<string, JsonValue>;
    expect((body['payment'] as { status: string }).status).toBe('decline');
  });
});
