#!/usr/bin/env node
// The CUP Payout Console's command line, run from its JavaScript build (see scripts/cli-build.mjs).
import { cliEntry } from '../scripts/cli-build.mjs';

const { main } = await import(await cliEntry());
process.exitCode = await main(process.argv.slice(2));
