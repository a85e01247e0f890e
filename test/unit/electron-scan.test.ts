import { describe, expect, it } from 'vitest';
import {
  findingsFromSarif,
  formatReview,
  GLOBAL_FILE,
  reviewScan,
} from '../../scripts/electronScanReview.mjs';

/**
 * The review step of `npm run scan:electron`: electronegativity's SARIF findings against the written
 * justifications (electron/main/security-review.json). The scanner itself runs in `npm test`.
 */
function sarif(...results: Array<{ rule: string; uri: string; line?: number }>) {
  return {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', rules: [] } },
        results: results.map(({ rule, uri, line = 1 }) => ({
          ruleId: rule,
          level: 'warning',
          message: { text: `${rule} description` },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
        })),
      },
    ],
  };
}

const BECAUSE = 'Reviewed: the window denies every new window and navigation, see security.ts.';
const SOURCE: Record<string, string[]> = {
  'electron/main/index.ts': ['', "  preload: join(dir, 'preload.cjs'),", '  const w = new BrowserWindow({'],
};
const sourceLine = (file: string, line: number) => SOURCE[file]?.[line - 1];
const review = (log: unknown, justifications: unknown) =>
  reviewScan(log, justifications, { scannedDir: 'electron', sourceLine });

describe('electron scan review', () => {
  it('reads SARIF results as rule, repository-relative file and line; a global check has no file', () => {
    expect(
      findingsFromSarif(sarif({ rule: 'A', uri: 'main/index.ts', line: 3 }, { rule: 'B', uri: 'file:///' }), {
        scannedDir: 'electron',
      }),
    ).toEqual([
      { rule: 'A', file: 'electron/main/index.ts', line: 3, level: 'warning', message: 'A description' },
      { rule: 'B', file: GLOBAL_FILE, line: 1, level: 'warning', message: 'B description' },
    ]);
  });

  it('fails on a finding nobody justified, naming it', () => {
    const result = review(sarif({ rule: 'AUXCLICK_JS_CHECK', uri: 'main/index.ts', line: 3 }), []);
    expect(result.ok).toBe(false);
    expect(result.unjustified).toMatchObject([{ rule: 'AUXCLICK_JS_CHECK', file: 'electron/main/index.ts' }]);
    const lines = formatReview(result);
    expect(lines[0]).toContain('unjustified: AUXCLICK_JS_CHECK at electron/main/index.ts:3');
    expect(lines.at(-1)).toBe(
      'electronegativity: 1 finding, 0 justified, 1 unjustified, 0 stale justifications — FAILED',
    );
  });

  it('passes when every finding is justified (by rule and file, or by a snippet of its line)', () => {
    const result = review(
      sarif(
        { rule: 'CSP_GLOBAL_CHECK', uri: 'file:///' },
        { rule: 'PRELOAD_JS_CHECK', uri: 'main/index.ts', line: 2 },
      ),
      [
        { rule: 'CSP_GLOBAL_CHECK', file: GLOBAL_FILE, justification: BECAUSE },
        {
          rule: 'PRELOAD_JS_CHECK',
          file: 'electron/main/index.ts',
          snippet: "preload: join(dir, 'preload.cjs')",
          justification: BECAUSE,
        },
      ],
    );
    expect(result).toMatchObject({ ok: true, unjustified: [], stale: [], problems: [] });
    expect(result.justified).toHaveLength(2);
    expect(formatReview(result).at(-1)).toBe(
      'electronegativity: 2 findings, 2 justified, 0 unjustified, 0 stale justifications — OK',
    );
  });

  it('fails on a stale justification: one that no longer matches any finding', () => {
    const result = review(sarif(), [
      { rule: 'AUXCLICK_JS_CHECK', file: 'electron/main/index.ts', justification: BECAUSE },
    ]);
    expect(result.ok).toBe(false);
    expect(result.stale).toMatchObject([{ rule: 'AUXCLICK_JS_CHECK' }]);
    expect(formatReview(result)[0]).toContain('stale: the justification for AUXCLICK_JS_CHECK');
  });

  it('a snippet that is not on the finding’s line justifies nothing (and is stale)', () => {
    const result = review(sarif({ rule: 'PRELOAD_JS_CHECK', uri: 'main/index.ts', line: 3 }), [
      {
        rule: 'PRELOAD_JS_CHECK',
        file: 'electron/main/index.ts',
        snippet: 'preload:',
        justification: BECAUSE,
      },
    ]);
    expect(result).toMatchObject({ ok: false, unjustified: [{ line: 3 }], stale: [{ snippet: 'preload:' }] });
  });

  it('refuses justifications that do not explain, or are not entries at all', () => {
    const log = sarif({ rule: 'A', uri: 'main/x.ts' });
    expect(review(log, [{ rule: 'A', file: 'electron/main/x.ts', justification: 'ok' }]).problems).toEqual([
      'justification #1: the justification must explain why (at least 40 characters)',
    ]);
    expect(review(log, { rule: 'A' }).ok).toBe(false);
    expect(
      review(log, [{ rule: 'A', file: 'electron/main/x.ts', justification: BECAUSE, extra: 1 }]).problems,
    ).toEqual(['justification #1: unknown key(s) extra']);
  });
});
