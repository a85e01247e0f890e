// The review half of `npm run scan:electron`: electronegativity's findings (read from its SARIF log) set against
// the written justifications in electron/main/security-review.json. Pure functions only (no file system, no
// scanner), so a test can hand them a SARIF object.
//
// A finding is identified by its rule, its repository-relative file and, where a justification names one, a
// snippet of the source line it points at: line numbers move with every edit, a rule in a file does not.
import { posix } from 'node:path';

/** The file of a finding that is about the application as a whole (a global check), not one place. */
export const GLOBAL_FILE = '(global)';

/** A justification must say why in words, not "ok" or "false positive". */
export const MIN_JUSTIFICATION_LENGTH = 40;

const JUSTIFICATION_KEYS = new Set(['rule', 'file', 'snippet', 'justification']);

/**
 * The findings of a SARIF 2.1 log, one per result. `scannedDir` is the scanned folder relative to the
 * repository (electronegativity's relative paths are relative to it); `root` makes absolute file URIs
 * repository-relative.
 */
export function findingsFromSarif(sarif, { scannedDir = '', root = null } = {}) {
  if (!isObject(sarif) || !Array.isArray(sarif.runs)) throw new Error('not a SARIF log: no "runs" array');
  const findings = [];
  for (const run of sarif.runs) {
    for (const result of Array.isArray(run?.results) ? run.results : []) {
      const physical = result?.locations?.[0]?.physicalLocation;
      const line = physical?.region?.startLine;
      findings.push({
        rule: typeof result?.ruleId === 'string' ? result.ruleId : '(no rule id)',
        file: fileOf(physical?.artifactLocation?.uri, scannedDir, root),
        line: typeof line === 'number' ? line : null,
        level: typeof result?.level === 'string' ? result.level : 'warning',
        message: typeof result?.message?.text === 'string' ? result.message.text : '',
      });
    }
  }
  return findings;
}

function fileOf(uri, scannedDir, root) {
  // Global checks carry no place of their own: electronegativity writes "file:///" (or nothing).
  if (typeof uri !== 'string' || uri === '' || uri === 'file:///' || uri === 'N/A') return GLOBAL_FILE;
  if (uri.startsWith('file://')) {
    const path = decodeURIComponent(uri.slice('file://'.length));
    return root ? posix.relative(root.split('\\').join('/'), path) : path;
  }
  return posix.normalize(posix.join(scannedDir, decodeURIComponent(uri)));
}

/**
 * Checks the justification file's content; returns its entries and what is wrong with it (an entry that
 * cannot be matched or says nothing is as bad as none).
 */
export function readJustifications(raw) {
  const problems = [];
  if (!Array.isArray(raw)) return { entries: [], problems: ['the justification file must be a JSON array'] };
  const entries = [];
  const seen = new Set();
  raw.forEach((entry, i) => {
    const where = `justification #${i + 1}`;
    if (!isObject(entry)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const unknown = Object.keys(entry).filter((key) => !JUSTIFICATION_KEYS.has(key));
    if (unknown.length > 0) problems.push(`${where}: unknown key(s) ${unknown.join(', ')}`);
    for (const key of ['rule', 'file', 'justification'])
      if (typeof entry[key] !== 'string' || entry[key].trim() === '')
        problems.push(`${where}: "${key}" must be non-empty text`);
    if (entry.snippet !== undefined && (typeof entry.snippet !== 'string' || entry.snippet.trim() === ''))
      problems.push(`${where}: "snippet", when given, must be non-empty text`);
    if (
      typeof entry.justification === 'string' &&
      entry.justification.trim().length < MIN_JUSTIFICATION_LENGTH
    )
      problems.push(
        `${where}: the justification must explain why (at least ${MIN_JUSTIFICATION_LENGTH} characters)`,
      );
    const key = JSON.stringify([entry.rule, entry.file, entry.snippet ?? null]);
    if (seen.has(key)) problems.push(`${where}: repeats an earlier entry for ${entry.rule} in ${entry.file}`);
    seen.add(key);
    entries.push(entry);
  });
  return { entries, problems };
}

/** Whether a justification covers a finding: same rule, same file, and its snippet (if any) on the line. */
export function justifies(justification, finding) {
  if (justification.rule !== finding.rule || justification.file !== finding.file) return false;
  if (justification.snippet === undefined) return true;
  return typeof finding.source === 'string' && finding.source.includes(justification.snippet);
}

/**
 * Sets the findings against the justifications: every finding needs one, and every justification must still
 * match a finding (a stale one would silently cover a future finding). `ok` is true only when nothing is
 * unjustified, nothing is stale and the justification file is well formed.
 */
export function reviewFindings(findings, rawJustifications) {
  const { entries, problems } = readJustifications(rawJustifications);
  const usable = entries.filter((entry) => typeof entry.rule === 'string' && typeof entry.file === 'string');
  const justified = [];
  const unjustified = [];
  const used = new Set();
  for (const finding of findings) {
    const covering = usable.filter((entry) => justifies(entry, finding));
    for (const entry of covering) used.add(entry);
    if (covering.length > 0) justified.push({ finding, justification: covering[0] });
    else unjustified.push(finding);
  }
  const stale = usable.filter((entry) => !used.has(entry));
  return {
    findings,
    justified,
    unjustified,
    stale,
    problems,
    ok: unjustified.length === 0 && stale.length === 0 && problems.length === 0,
  };
}

/**
 * The whole review of one SARIF log. `sourceLine(file, line)` returns the text of a finding's line (for
 * snippet matching); without it, only justifications without a snippet can match.
 */
export function reviewScan(sarif, rawJustifications, options = {}) {
  const { sourceLine, ...paths } = options;
  const findings = findingsFromSarif(sarif, paths).map((finding) => {
    if (!sourceLine || finding.file === GLOBAL_FILE || finding.line === null) return finding;
    const source = sourceLine(finding.file, finding.line);
    return typeof source === 'string' ? { ...finding, source: source.trim() } : finding;
  });
  return reviewFindings(findings, rawJustifications);
}

/**
 * What to print: the problems, one line each, then the one-line summary (last). `notParsed`: files the scanner
 * could not parse (they were not checked, which fails the scan too).
 */
export function formatReview(
  review,
  { justificationFile = 'electron/main/security-review.json', notParsed = 0 } = {},
) {
  const lines = [];
  for (const problem of review.problems) lines.push(`invalid ${justificationFile}: ${problem}`);
  for (const f of review.unjustified) {
    const place = f.file === GLOBAL_FILE ? f.file : `${f.file}${f.line === null ? '' : `:${f.line}`}`;
    const source = f.source ? ` [${f.source}]` : '';
    lines.push(
      `unjustified: ${f.rule} at ${place}${source}: ${f.message} (fix it, or justify it in ${justificationFile})`,
    );
  }
  for (const j of review.stale) {
    const snippet = j.snippet === undefined ? '' : ` (snippet ${JSON.stringify(j.snippet)})`;
    lines.push(`stale: the justification for ${j.rule} in ${j.file}${snippet} matches no finding; remove it`);
  }
  const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `electronegativity: ${count(review.findings.length, 'finding')}, ${review.justified.length} justified, ` +
      `${review.unjustified.length} unjustified, ${count(review.stale.length, 'stale justification')}` +
      (review.problems.length > 0 ? `, ${count(review.problems.length, 'invalid entry')}` : '') +
      (notParsed > 0 ? `, ${count(notParsed, 'file')} not parsed` : '') +
      ` — ${review.ok && notParsed === 0 ? 'OK' : 'FAILED'}`,
  );
  return lines;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
