#!/usr/bin/env node
// Runs the headless CLI straight from the TypeScript sources, so `npx cup-payouts` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
