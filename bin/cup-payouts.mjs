#!/usr/bin/env node
// The CUP Payout Console's command line, run from its JavaScript build (see scripts/cli-build.mjs).
import { cliEntry } from '../scripts/cli-build.mjs';

const argv = process.argv.slice(2);
// serve-web serves the renderer's build: rebuilt first when the UI's sources changed.
if (argv[0] === 'serve-web' && !argv.includes('--help') && !argv.includes('-h')) {
  const { ensureRendererBuild } = await import('../scripts/renderer-build.mjs');
  try {
    await ensureRendererBuild();
  } catch (error) {
    process.stderr.write(`The console's page could not be built: ${error?.message ?? error}\n`);
    process.exit(2);
  }
}
const { main } = await import(await cliEntry());
process.exitCode = await main(argv);
