import { cliEntry } from '../scripts/cli-build.mjs';

/**
 * Tests run the command line as users do, from its JavaScript build: build it once here (when the sources
 * changed), before the test files start CLIs in parallel.
 */
export default async function setup(): Promise<void> {
  await cliEntry();
}
