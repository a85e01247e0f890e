/**
 * The public facts of the built-in Computop test merchant: the embedded emulated Paygate serves it, and the
 * console encrypts and signs its sandbox refunds with it. The passwords are public on purpose: they only ever
 * protect traffic to loopback.
 */
export const TEST_MERCHANT_ID = 'cup_sandbox_merchant';
export const TEST_MERCHANT_HMAC_PASSWORD = 'cup-sandbox-hmac-password';
export const TEST_MERCHANT_BLOWFISH_PASSWORD = 'cup-sandbox-blowfish';

/**
 * ChinaPay payments the emulated Paygate holds from the start (PayID → captured amount in fen), so a new user
 * can refund the shipped sample file at once. More are added through the sandbox's control route.
 */
export const SEEDED_TEST_PAYMENTS: ReadonlyArray<{ payId: string; capturedFen: number }> = [
  { payId: '0123456789abcdef0123456789abcdef', capturedFen: 50_000 },
  { payId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', capturedFen: 128_800 },
  { payId: 'c0ffee00c0ffee00c0ffee00c0ffee00', capturedFen: 9_999 },
  { payId: 'deadbeefdeadbeefdeadbeefdeadbeef', capturedFen: 4_500_000 },
  { payId: '00000000000000000000000000000001', capturedFen: 100_000 },
  { payId: '00000000000000000000000000000002', capturedFen: 100_000 },
  { payId: '00000000000000000000000000000003', capturedFen: 100_000 },
  { payId: '00000000000000000000000000000004', capturedFen: 100_000 },
];
