/**
 * The `cup-payouts` dispatcher: finds the command, prints help and usage errors, and turns every failure into
 * a message and an exit code. Commands are thin: they parse their options, call the application layer and
 * print what it returns.
 */
import { langFromArgv, UsageError } from './args.js';
import { COMMANDS, MANUAL } from './commands/index.js';
import { Failure } from './failure.js';
import { line, processIo, type CliIo } from './io.js';
import { cliVersion } from './version.js';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    line(io.stderr, MANUAL);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    line(io.stdout, MANUAL);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    line(io.stdout, cliVersion());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    line(io.stderr, `Unknown command "${name}". \`cup-payouts --help\` lists the commands.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    line(io.stdout, `Usage:\n  cup-payouts ${command.usage}`);
    return 0;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (err) {
    if (err instanceof Failure) return err.exitCode;
    if (err instanceof UsageError) {
      line(io.stderr, `${err.message}\n\nUsage:\n  cup-payouts ${command.usage}`);
      return 2;
    }
    return reportThrown(io, err, name, rest);
  }
}

/**
 * A failure outside any operation (opening the database, say): a known one as its code and message, anything
 * else written to the error log with a reference the user sees. No stack trace for users.
 */
async function reportThrown(io: CliIo, err: unknown, command: string, argv: string[]): Promise<number> {
  const { describeKnownError, AppError } = await import('../core/app/errors.js');
  const { createErrorLog } = await import('../core/app/errorLog.js');
  const { defaultLogDir } = await import('../core/paths.js');
  const { printFailure } = await import('./failure.js');
  const lang = langFromArgv(argv, io.env);
  const json = argv.includes('--json');
  const known = describeKnownError(err, lang);
  if (known) return printFailure(io, { code: known.code, message: known.message }, json);
  const log = createErrorLog(defaultLogDir({ env: io.env }));
  const reference = log.record(err, `cup-payouts ${command}`);
  const internal = describeKnownError(new AppError('INTERNAL', { reference, log: log.path }), lang);
  return printFailure(
    io,
    { code: 'INTERNAL', message: internal?.message ?? 'Internal error', reference },
    json,
  );
}
