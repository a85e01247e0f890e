import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository's `resources/` folder when running from source (CLI, tests, bench). */
export const SOURCE_RESOURCES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
export const SOURCE_REFERENCE_DIR = join(SOURCE_RESOURCES_DIR, 'reference');
