// Types for electronScanReview.mjs, so that TypeScript tests can import it.

export const GLOBAL_FILE: string;
export const MIN_JUSTIFICATION_LENGTH: number;

export interface Finding {
  rule: string;
  /** Repository-relative, or GLOBAL_FILE for a check about the application as a whole. */
  file: string;
  line: number | null;
  level: string;
  message: string;
  /** The text of the finding's line, when the caller could read it. */
  source?: string;
}

export interface Justification {
  rule: string;
  file: string;
  /** Narrows the entry to findings whose source line contains this text. */
  snippet?: string;
  justification: string;
}

export interface Review {
  findings: Finding[];
  justified: Array<{ finding: Finding; justification: Justification }>;
  unjustified: Finding[];
  stale: Justification[];
  problems: string[];
  ok: boolean;
}

export function findingsFromSarif(
  sarif: unknown,
  options?: { scannedDir?: string; root?: string | null },
): Finding[];
export function readJustifications(raw: unknown): { entries: Justification[]; problems: string[] };
export function justifies(justification: Justification, finding: Finding): boolean;
export function reviewFindings(findings: Finding[], rawJustifications: unknown): Review;
export function reviewScan(
  sarif: unknown,
  rawJustifications: unknown,
  options?: {
    scannedDir?: string;
    root?: string | null;
    sourceLine?: (file: string, line: number) => string | undefined;
  },
): Review;
export function formatReview(
  review: Review,
  options?: { justificationFile?: string; notParsed?: number },
): string[];
