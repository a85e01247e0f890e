#!/usr/bin/env node
// `npm run bench`: runs the benchmark suites from the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/index.ts');
process.exitCode = await main(process.argv.slice(2));
