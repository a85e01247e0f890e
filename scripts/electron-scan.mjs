// `npm run scan:electron` (a step of `npm test`): electronegativity over electron/, its SARIF log set against
// the written justifications in electron/main/security-review.json. Exits 1 when a finding is neither fixed
// nor justified, when a justification no longer matches any finding (stale), or when a file could not be
// parsed (a file the scanner could not read is a file it did not check).
//
// Electronegativity is run through its documented programmatic entry with the options of its command line
// (`-i electron -o scan.sarif -r -e VERSION -x CHECK`): its `electronegativity` binary requires `commander`
// without declaring it, and under this tree's hoisted commander 14 it dies before parsing its options. Either
// way it answers 0 with findings, which is why the SARIF log is read.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReview, reviewScan } from './electronScanReview.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED_DIR = 'electron';
const JUSTIFICATION_FILE = 'electron/main/security-review.json';
/**
 * Checks left out, each for a reason that is not about this code: the list of Electron releases with
 * security fixes is fetched from the network at scan time (none here; and an answer that changes from day to
 * day has no place in a test run). Electron's version is kept current by its own dependency updates.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);

/** The Electron version the app is built with: the installed package's, else the one package.json pins. */
function electronVersion() {
  const installed = join(ROOT, 'node_modules', 'electron', 'package.json');
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (typeof spec !== 'string') throw new Error('package.json names no electron version');
  return spec.replace(/^[\^~=v]+/, '');
}

/**
 * Electronegativity asks the network for updated translations of its messages before every scan. The scan
 * must not depend on (or wait for) anything outside this machine: its HTTP client is replaced, for this
 * process only, by one that answers "not found", which makes it use the translations it ships.
 */
function keepScannerOffline() {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = scannerRequire.resolve('got');
  const notFound = async () => ({ statusCode: 404, body: '' });
  const offline = Object.assign(notFound, {
    head: async () => {
      throw new Error('electron-scan: no network access during the scan');
    },
    get: notFound,
  });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
}

async function scan(outputFile) {
  keepScannerOffline();
  const run = require('@doyensec/electronegativity');
  return run(
    {
      input: join(ROOT, SCANNED_DIR),
      output: outputFile,
      isSarif: true,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
      electronVersionOverride: electronVersion(),
      parserPlugins: [],
    },
    false,
  );
}

/**
 * The SARIF log once it is complete. Electronegativity starts writing it without waiting for the write (its
 * command line relies on the process staying alive until it is done), so it is read when it parses and holds
 * as many results as the scan returned.
 */
async function sarifLog(file, expectedResults) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const sarif = JSON.parse(readFileSync(file, 'utf8'));
      if (sarif?.runs?.[0]?.results?.length === expectedResults) return sarif;
    } catch {
      // Not there yet, or half written.
    }
    if (Date.now() > deadline) throw new Error(`electronegativity wrote no complete SARIF log to ${file}`);
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

function sourceLine(file, line) {
  const path = join(ROOT, file);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8').split(/\r?\n/)[line - 1];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'electron-scan-'));
  try {
    const sarifFile = join(dir, 'scan.sarif');
    const result = await scan(sarifFile);
    const unparsed = (result?.errors ?? []).filter((error) => !error.tolerable);
    for (const error of unparsed)
      console.error(`electron-scan: could not parse ${error.file}: ${error.message} (it was not checked)`);
    const sarif = await sarifLog(sarifFile, result?.issues?.length ?? 0);
    const justificationPath = join(ROOT, JUSTIFICATION_FILE);
    const justifications = existsSync(justificationPath)
      ? JSON.parse(readFileSync(justificationPath, 'utf8'))
      : [];
    const review = reviewScan(sarif, justifications, { scannedDir: SCANNED_DIR, root: ROOT, sourceLine });
    const lines = formatReview(review, { justificationFile: JUSTIFICATION_FILE, notParsed: unparsed.length });
    for (const line of lines.slice(0, -1)) console.error(line);
    console.log(lines.at(-1));
    return review.ok && unparsed.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`electron-scan: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
