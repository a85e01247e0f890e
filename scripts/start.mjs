#!/usr/bin/env node
// `npm start`: gets what the desktop app needs that `npm install` does not bring, then opens it.
//   1. the Electron binary (Electron 45 downloads it on first use, through its own installer);
//   2. better-sqlite3 built for Electron's ABI (scripts/prepare-electron-native.mjs);
//   3. `electron-vite preview` (builds the app and opens it).
// Steps 1 and 2 need the internet the first time only.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronExecutable } from './electron-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronPackage = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

function node(script, args = []) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
}
function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  fail(`Node ${process.versions.node} is too old: the console needs Node 22.12 or later (22 or 24 LTS).`);
}

if (!electronExecutable(electronDir)) {
  console.log(`Installing the Electron ${electronPackage.version} binary (first start only)…`);
  const installer = join(electronDir, electronPackage.bin?.['install-electron'] ?? 'install.js');
  if (node(installer) !== 0 || !electronExecutable(electronDir)) {
    fail(
      `could not download the Electron ${electronPackage.version} binary. The first start needs the internet; ` +
        'the command line (npx cup-payouts) and the tests work without it.',
    );
  }
}

if (node(join(root, 'scripts', 'prepare-electron-native.mjs')) !== 0) {
  fail('better-sqlite3 is not ready for Electron (see above).');
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
process.exit(node(electronVite, ['preview', ...process.argv.slice(2)]));
