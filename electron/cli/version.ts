import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SOURCE_RESOURCES_DIR } from '../core/paths.js';

/** The console's version, from package.json beside resources/. */
export function cliVersion(): string {
  try {
    const manifest = JSON.parse(
      readFileSync(join(dirname(SOURCE_RESOURCES_DIR), 'package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
