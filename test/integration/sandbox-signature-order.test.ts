/**
 * Over real loopback HTTP: the sandbox signs its status answers as the provider's PHP/JavaScript SDKs sort long
 * arrays (statusSignatureOrder: 'sdk-numeric') and lists 12 operations (retriedOperations: 11); the console's
 * Gate client still trusts the answer and says which order verified it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GateClient, sandboxEndpoint } from '../../electron/core/providers/ecommpay/index.js';
import {
  stringToSign,
  verifiedOrder,
  withoutSignature,
  type JsonValue,
} from '../../electron/core/providers/ecommpay/signature.js';
import { startSandbox, type RunningSandbox } from '../../electron/sandbox/index.js';
import { postJson, signedPayoutBody, signedStatusBody } from '../../electron/sandbox/testing.js';

type Json = Record<string, JsonValue>;

let sdk: RunningSandbox;
let documented: RunningSandbox;
const clients: GateClient[] = [];

beforeAll(async () => {
  sdk = await startSandbox({ finalAfterMs: 0, statusSignatureOrder: 'sdk-numeric', retriedOperations: 11 });
  documented = await startSandbox({ finalAfterMs: 0, retriedOperations: 11 });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await sdk.close();
  await documented.close();
});

function clientOf(sandbox: RunningSandbox): GateClient {
  const client = new GateClient(sandboxEndpoint(sandbox.url), {
    payoutDefaults: { customerIp: '127.0.0.1', country: 'CN' },
  });
  clients.push(client);
  return client;
}

async function register(sandbox: RunningSandbox, paymentId: string, amount: number): Promise<void> {
  const body = signedPayoutBody({ projectId: sandbox.projectId, paymentId, amount }, sandbox.secretKey);
  const answer = await postJson(`${sandbox.url}/v2/payment/chinaunionpay/payout`, body);
  expect(answer.status).toBe(200);
}

async function rawStatus(sandbox: RunningSandbox, paymentId: string): Promise<Json> {
  const body = signedStatusBody(sandbox.projectId, paymentId, sandbox.secretKey);
  const answer = await postJson(`${sandbox.url}/v2/payment/status`, body);
  expect(answer.status).toBe(200);
  return answer.json as Json;
}

describe('status answers signed in the SDKs’ order', () => {
  it('lists 12 operations, signed so that the documented order alone would refuse them', async () => {
    await register(sdk, 'so-raw', 40000);
    const body = await rawStatus(sdk, 'so-raw');
    const operations = body['operations'] as Json[];
    expect(operations).toHaveLength(12);
    expect(operations.slice(0, 11).every((op) => op['code'] === '20602' && op['type'] === 'payout')).toBe(
      true,
    );
    expect(operations[11]).toMatchObject({ type: 'payout', status: 'decline', code: '20105' });
    const unsigned = withoutSignature(body);
    expect(stringToSign(unsigned, 'sdk-numeric')).not.toBe(stringToSign(unsigned));
    expect(verifiedOrder(body, sdk.secretKey, ['documented'])).toBeNull();
    expect(verifiedOrder(body, sdk.secretKey)).toBe('sdk-numeric');
  });

  it('the Gate client accepts it and records the order that verified it', async () => {
    await register(sdk, 'so-1', 40000);
    expect(await clientOf(sdk).queryStatus('so-1')).toEqual({
      kind: 'final',
      status: 'decline',
      providerStatus: 'decline',
      code: '20105',
      message: 'Insufficient funds on customer account',
      amountFen: 40000,
      currency: 'CNY',
      signatureOrder: 'sdk-numeric',
    });
  });

  it('a sandbox signing in the documented order gives the same outcome, recorded as documented', async () => {
    await register(documented, 'so-2', 48560);
    const body = await rawStatus(documented, 'so-2');
    expect(body['operations']).toHaveLength(12);
    expect(verifiedOrder(body, documented.secretKey, ['sdk-numeric'])).toBeNull();
    expect(await clientOf(documented).queryStatus('so-2')).toMatchObject({
      kind: 'final',
      status: 'success',
      code: '0',
      signatureOrder: 'documented',
    });
  });

  it('an answer with a forged signature is still refused', async () => {
    const forged = await startSandbox({
      finalAfterMs: 0,
      statusSignatureOrder: 'sdk-numeric',
      retriedOperations: 11,
      faultRate: 1,
      faults: ['bad_signature'],
    });
    try {
      await register(forged, 'so-3', 48560);
      expect(await clientOf(forged).queryStatus('so-3')).toMatchObject({
        kind: 'unknown',
        reason: 'bad_signature',
      });
    } finally {
      await forged.close();
    }
  });
});
