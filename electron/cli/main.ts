import { UsageError } from './args.js';
import { runValidate } from './commands/validate.js';
import { runImport } from './commands/import.js';
import { runSandbox, SANDBOX_USAGE } from './commands/sandbox.js';
import {
  runApprove,
  runCancel,
  runPause,
  runRecheck,
  runResume,
  runStatus,
  runSubmit,
} from './commands/submission.js';
import { GATE_USAGE } from './gateSetup.js';
import { runCredentials, CREDENTIALS_USAGE } from './commands/credentials.js';
import { runBanks, BANKS_USAGE } from './commands/banks.js';

export const USAGE = `cup-payouts — the CUP Payout Console's command line

Commands:
  validate FILE [--method cup-p2p|cup-quickpay|cup-banks] [--encoding auto|utf-8|gb18030]
                [--map "their header=field,…"] [--db PATH] [--json] [--lang en|zh-CN]
  import FILE --db PATH --user NAME [same options] [--drop-errors] [--allow-duplicate-file] [--json]
  approve BATCH --db PATH --user NAME          (someone other than the importer)
  submit BATCH --db PATH --user NAME [gate options] [--wait] [--json]
  resume [BATCH] --db PATH --user NAME [gate options] [--wait] [--json]
  status BATCH --db PATH [--json]
  pause BATCH --db PATH --user NAME            (stop sending the unsent rest)
  cancel BATCH --db PATH --user NAME           (cancel what has not been sent)
  recheck BATCH --db PATH --user NAME [gate options] [--json]  (ask again about successes: reversals)
  ${SANDBOX_USAGE}
  ${CREDENTIALS_USAGE}
  ${BANKS_USAGE}

${GATE_USAGE}

Exit codes: 0 success; 1 rows with errors (or an import refused); 2 the file or the command line cannot be used.`;

type Command = (argv: string[]) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  import: runImport,
  sandbox: runSandbox,
  approve: runApprove,
  submit: runSubmit,
  resume: runResume,
  status: runStatus,
  pause: runPause,
  cancel: runCancel,
  recheck: runRecheck,
  credentials: (argv) => runCredentials(argv),
  banks: runBanks,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    // Never a stack trace for users; the message alone (secrets never reach error messages).
    console.error(`cup-payouts ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}
