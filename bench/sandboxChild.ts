/**
 * Child-process entry of the sending benchmark: runs the sandbox on its own JS thread (and, on a 2-core
 * machine, its own core) and answers the parent over IPC. Started by sandboxHost.ts with `--import tsx`.
 */
import { startSandbox, type SandboxOptions } from '../electron/sandbox/index.js';

type Command = { kind: 'stats' } | { kind: 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
const reply = (message: unknown) => process.send?.(message);

process.on('message', (command: Command) => {
  if (command.kind === 'stats') {
    reply({ kind: 'stats', stats: sandbox.stats(), cpu: process.cpuUsage() });
    return;
  }
  void sandbox.close().then(() => {
    reply({ kind: 'closed' });
    process.disconnect();
  });
});
reply({ kind: 'ready', url: sandbox.url });
