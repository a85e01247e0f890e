/**
 * The public facts of the built-in test project: the embedded emulated provider serves it, and the console
 * signs its sandbox traffic with it. The key is public on purpose: it only ever signs traffic to loopback.
 */
export const TEST_PROJECT_ID = 200;
export const TEST_PROJECT_SECRET_KEY = 'cup-sandbox-test-secret';
/** The emulated Data API's Dashboard token and its secret (`/v1/operations/get`). */
export const TEST_DATA_API_TOKEN = 'cup-sandbox-data-token';
export const TEST_DATA_API_SECRET = 'cup-sandbox-data-secret';
