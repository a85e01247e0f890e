/**
 * For an engineer at the screen: builds the renderer, starts a seeded console on the sandbox, takes a
 * screenshot of the sign-in page, prints the bridge URL and token, and serves until interrupted.
 *   npx tsx test/e2e/support/devConsole.ts
 */
import { join } from 'node:path';
import { buildRenderer, startLiveConsole, TMP_ROOT } from './liveConsole.js';

const rendererDir = await buildRenderer(join(TMP_ROOT, 'dev-build'));
const live = await startLiveConsole(rendererDir);
console.log(JSON.stringify({ url: live.bridge.url, token: live.bridge.token, dataDir: live.dataDir }));
process.on('SIGINT', () => void live.close().then(() => process.exit(0)));
