// Tells whether a native addon was built for the installed Electron. Plain Node only (never imports
// `electron`, which would try to download its binary), so the start script and the tests can both use it.
//
// A Node addon built with node-gyp exports `node_register_module_v<N>`, where N is the NODE_MODULE_VERSION of
// the headers it was compiled against; Electron records its own in node_modules/electron/abi_version.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOL = /node_register_module_v(\d+)/g;

/** The NODE_MODULE_VERSIONs named in an addon's bytes, in order of first appearance (usually one). */
export function addonAbis(bytes) {
  const found = new Set();
  for (const match of Buffer.from(bytes).toString('latin1').matchAll(SYMBOL)) found.add(match[1]);
  return [...found];
}

/** The ABI (NODE_MODULE_VERSION) of an Electron package folder, from its `abi_version` file; null if unknown. */
export function electronAbi(electronDir) {
  const file = join(electronDir, 'abi_version');
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').trim();
  return /^\d+$/.test(text) ? text : null;
}

/** The version of an Electron package folder. */
export function electronVersion(electronDir) {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/**
 * The Electron executable if Electron's installer has downloaded it (it writes path.txt last), else null.
 */
export function electronExecutable(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/**
 * Compares an addon's bytes with the ABI Electron needs. Verdicts:
 * - `{ verdict: 'match', abi }`
 * - `{ verdict: 'mismatch', abi, expected }` (abi lists every ABI found, joined by ", ")
 * - `{ verdict: 'unknown', abi: null, expected }` when the addon names no ABI
 */
export function addonVerdict(bytes, expected) {
  const abis = addonAbis(bytes);
  if (abis.length === 0) return { verdict: 'unknown', abi: null, expected };
  if (abis.length === 1 && abis[0] === expected) return { verdict: 'match', abi: expected };
  return { verdict: 'mismatch', abi: abis.join(', '), expected };
}

/** Same as addonVerdict, for a file; `{ verdict: 'missing' }` when there is no file. */
export function addonFileVerdict(file, expected) {
  if (!existsSync(file)) return { verdict: 'missing', abi: null, expected };
  return addonVerdict(readFileSync(file), expected);
}

/** One line for people: why an addon can or cannot be loaded by Electron. */
export function describeVerdict(result, file) {
  switch (result.verdict) {
    case 'match':
      return `${file} is built for Electron's ABI ${result.abi}`;
    case 'mismatch':
      return `${file} is built for ABI ${result.abi}, but Electron needs ABI ${result.expected}`;
    case 'unknown':
      return `${file} names no ABI (no node_register_module_v<N> symbol); Electron needs ABI ${result.expected}`;
    default:
      return `${file} does not exist`;
  }
}

/** Where the start script keeps better-sqlite3 built for one Electron version (electron/main reads it there). */
export function electronNativePath(root, version, platform = process.platform, arch = process.arch) {
  return join(root, 'out', 'native', `electron-${version}-${platform}-${arch}`, 'better_sqlite3.node');
}
