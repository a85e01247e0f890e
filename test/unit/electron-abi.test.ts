import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addonAbis,
  addonFileVerdict,
  addonVerdict,
  describeVerdict,
  electronAbi,
  electronExecutable,
  electronNativePath,
  electronVersion,
} from '../../scripts/electron-abi.mjs';

/** Bytes that look like a shared library: binary noise around the exported symbol's name. */
function fakeAddon(...symbols: string[]): Buffer {
  const noise = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0xff, 0x00, 0x13]);
  return Buffer.concat([noise, ...symbols.flatMap((s) => [Buffer.from(`${s}\0`, 'latin1'), noise])]);
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cup-abi-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('addon ABI', () => {
  it('reads the NODE_MODULE_VERSION from the register symbol', () => {
    expect(addonAbis(fakeAddon('node_register_module_v137'))).toEqual(['137']);
    expect(addonAbis(fakeAddon('napi_register_module_v1', 'sqlite3_open'))).toEqual([]);
  });

  it('gives a verdict against the ABI Electron needs', () => {
    expect(addonVerdict(fakeAddon('node_register_module_v137'), '137')).toEqual({
      verdict: 'match',
      abi: '137',
    });
    expect(addonVerdict(fakeAddon('node_register_module_v115'), '137')).toEqual({
      verdict: 'mismatch',
      abi: '115',
      expected: '137',
    });
    expect(addonVerdict(fakeAddon('sqlite3_open'), '137')).toEqual({
      verdict: 'unknown',
      abi: null,
      expected: '137',
    });
    // Two different ABIs in one file cannot be trusted for either.
    expect(addonVerdict(fakeAddon('node_register_module_v137', 'node_register_module_v115'), '137')).toEqual({
      verdict: 'mismatch',
      abi: '137, 115',
      expected: '137',
    });
  });

  it('checks files, and says so in words', () => {
    const dir = tempDir();
    const file = join(dir, 'better_sqlite3.node');
    expect(addonFileVerdict(file, '150')).toEqual({ verdict: 'missing', abi: null, expected: '150' });
    writeFileSync(file, fakeAddon('node_register_module_v115'));
    const verdict = addonFileVerdict(file, '150');
    expect(verdict).toEqual({ verdict: 'mismatch', abi: '115', expected: '150' });
    expect(describeVerdict(verdict, 'x.node')).toBe(
      'x.node is built for ABI 115, but Electron needs ABI 150',
    );
    expect(describeVerdict({ verdict: 'match', abi: '150' }, 'x.node')).toBe(
      "x.node is built for Electron's ABI 150",
    );
  });
});

describe('Electron package folder', () => {
  it('reads version and ABI, and finds the executable only once installed', () => {
    const electron = tempDir();
    writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
    expect(electronVersion(electron)).toBe('45.5.0');
    expect(electronAbi(electron)).toBeNull();
    writeFileSync(join(electron, 'abi_version'), '150\n');
    expect(electronAbi(electron)).toBe('150');

    expect(electronExecutable(electron)).toBeNull();
    writeFileSync(join(electron, 'path.txt'), 'electron');
    expect(electronExecutable(electron)).toBeNull(); // path.txt without the binary
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', 'electron'), '');
    expect(electronExecutable(electron)).toBe(join(electron, 'dist', 'electron'));
  });

  it('ignores an abi_version that is not a number', () => {
    const electron = tempDir();
    writeFileSync(join(electron, 'abi_version'), 'unknown');
    expect(electronAbi(electron)).toBeNull();
  });

  it('keeps the Electron build where the main process looks for it', () => {
    expect(electronNativePath('/app', '45.5.0', 'linux', 'x64')).toBe(
      join('/app', 'out', 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'),
    );
  });
});
