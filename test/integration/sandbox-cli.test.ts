import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { runSandbox } from '../../electron/cli/commands/sandbox.js';
import { postJson, signedStatusBody } from '../../electron/sandbox/testing.js';
import { SANDBOX_SECRET_KEY } from '../../electron/sandbox/index.js';

const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+$/;

describe('cup-payouts sandbox', () => {
  it('prints its base URL first, serves, and stops cleanly', async () => {
    const lines: string[] = [];
    const notes: string[] = [];
    const stop = new AbortController();
    let urlSeen: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => (urlSeen = resolve));

    const exit = runSandbox(['--port', '0', '--final-after-ms', '50'], {
      out: (line) => {
        lines.push(line);
        urlSeen(line);
      },
      note: (line) => notes.push(line),
      stop: stop.signal,
    });
    const url = await urlPrinted;
    expect(lines[0]).toMatch(URL_LINE);
    expect(notes.join('\n')).toContain('200');

    const answer = await postJson(
      url + '/v2/payment/status',
      signedStatusBody(200, 'none', SANDBOX_SECRET_KEY),
    );
    expect(answer.status).toBe(200);

    stop.abort();
    await expect(exit).resolves.toBe(0);
    await expect(fetch(url + '/__sandbox/ledger')).rejects.toThrow();
  });

  // The lead registers the command in electron/cli/main.ts; until then this spawns the command module
  // directly (same code path as `npx cup-payouts sandbox`) to check real signals.
  it('as a process: URL on the first stdout line, exit code 0 on SIGTERM', async () => {
    const script =
      "const { runSandbox } = await import('./electron/cli/commands/sandbox.ts');" +
      "process.exitCode = await runSandbox(['--port', '0']);";
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(first).toMatch(URL_LINE);
      expect((await fetch(first + '/__sandbox/ledger')).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
