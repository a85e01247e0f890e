/**
 * Where the sending benchmark runs the sandbox: in a child process (the default) or in the bench's own
 * process. Both give the same small interface so the suite does not care.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox, type SandboxOptions } from '../electron/sandbox/index.js';

export type SandboxMode = 'child' | 'in-process';

export interface SandboxSnapshot {
  /** Payout and status requests served so far. */
  payoutRequests: number;
  statusRequests: number;
  /** CPU time the sandbox has used so far, or null when it shares the bench's process. */
  cpuMs: number | null;
}

export interface BenchSandbox {
  url: string;
  mode: SandboxMode;
  snapshot(): Promise<SandboxSnapshot>;
  close(): Promise<void>;
}

export async function startBenchSandbox(mode: SandboxMode, options: SandboxOptions): Promise<BenchSandbox> {
  return mode === 'child' ? startChild(options) : startInProcess(options);
}

async function startInProcess(options: SandboxOptions): Promise<BenchSandbox> {
  const sandbox = await startSandbox(options);
  return {
    url: sandbox.url,
    mode: 'in-process',
    snapshot: () => {
      const { requests } = sandbox.stats();
      return Promise.resolve({
        payoutRequests: requests.payout,
        statusRequests: requests.status,
        cpuMs: null,
      });
    },
    close: () => sandbox.close(),
  };
}

type ChildMessage =
  | { kind: 'ready'; url: string }
  | {
      kind: 'stats';
      stats: { requests: { payout: number; status: number } };
      cpu: NodeJS.CpuUsage;
    }
  | { kind: 'closed' };

/** The next message of a kind from the child (the parent asks one thing at a time). */
function nextMessage<K extends ChildMessage['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.kind !== kind) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { kind: K }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`sandbox child exited (${code}) while waiting for "${kind}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function startChild(options: SandboxOptions): Promise<BenchSandbox> {
  const entry = fileURLToPath(new URL('./sandboxChild.ts', import.meta.url));
  const child = fork(entry, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await nextMessage(child, 'ready');
  return {
    url,
    mode: 'child',
    snapshot: async () => {
      const reply = nextMessage(child, 'stats');
      child.send({ kind: 'stats' });
      const { stats, cpu } = await reply;
      return {
        payoutRequests: stats.requests.payout,
        statusRequests: stats.requests.status,
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'close' });
      await exited;
    },
  };
}
