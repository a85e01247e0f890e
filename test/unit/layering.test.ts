import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's arrows are enforced by lint (local/layering in eslint.config.js): a wrong import fails
 * `npm test`. Each case lints a one-line file at a real place in the tree.
 */
const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('import layering', () => {
  it.each([
    ['electron/core/intake.ts', "import { startSandbox } from '../sandbox/index.js';", 'electron/sandbox/'],
    ['electron/core/app/batches.ts', "import { x } from '../../sandbox/server.js';", 'electron/sandbox/'],
    ['electron/core/app/batches.ts', "export { y } from '../../cli/main.js';", 'electron/cli/'],
    ['electron/core/store/ports.ts', "import type { Z } from '../../main/ipc.js';", 'electron/main/'],
    ['electron/core/money.ts', "import { app } from 'electron';", 'electron'],
    [
      'electron/core/app/sending.ts',
      "const m = await import('../../sandbox/index.js');",
      'electron/sandbox/',
    ],
    ['electron/cli/main.ts', "import { x } from '../main/index.js';", 'electron/main/'],
    ['electron/sandbox/server.ts', "import { x } from '../main/ipc.js';", 'electron/main/'],
    ['renderer/src/main.ts', "import { x } from '../../electron/core/money.js';", 'only renderer/'],
    ['renderer/src/main.ts', "import { readFileSync } from 'node:fs';", 'Node modules'],
    [
      'renderer/src/App.vue',
      '<script setup lang="ts">import { ipcRenderer } from \'electron\';</script>',
      'electron',
    ],
    ['electron/contract/api.ts', "import type { X } from '../core/types.js';", 'only electron/contract/'],
  ])('%s: %s is refused', async (file, code, named) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(named);
  });

  it.each([
    ['electron/core/app/runtime.ts', "const m = await import('../../sandbox/index.js');"],
    ['electron/core/app/batches.ts', "import { x } from '../store/ports.js';"],
    ['electron/cli/main.ts', "import { x } from '../core/app/runtime.js';"],
    ['electron/sandbox/server.ts', "import { sign } from '../core/providers/ecommpay/signature.js';"],
    ['renderer/src/main.ts', "import type { ConsoleApi } from '../../electron/contract/api';"],
    ['electron/main/index.ts', "import { app } from 'electron';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
