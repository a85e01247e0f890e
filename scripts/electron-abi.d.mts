// Types for electron-abi.mjs, so that TypeScript tests can import it.

export type AddonVerdict =
  | { verdict: 'match'; abi: string }
  | { verdict: 'mismatch'; abi: string; expected: string | null }
  | { verdict: 'unknown'; abi: null; expected: string | null }
  | { verdict: 'missing'; abi: null; expected: string | null };

export function addonAbis(bytes: Uint8Array): string[];
export function electronAbi(electronDir: string): string | null;
export function electronVersion(electronDir: string): string;
export function electronExecutable(electronDir: string): string | null;
export function addonVerdict(bytes: Uint8Array, expected: string | null): AddonVerdict;
export function addonFileVerdict(file: string, expected: string | null): AddonVerdict;
export function describeVerdict(result: AddonVerdict, file: string): string;
export function electronNativePath(root: string, version: string, platform?: string, arch?: string): string;
