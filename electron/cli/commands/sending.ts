/**
 * `cup-payouts submit|resume|recheck …`: the commands that reach the provider. They run the sending service
 * of the composition root in this process until the work is sent (or final, with --wait), and stop cleanly
 * on Ctrl+C or SIGTERM: requests in flight are answered and journaled first.
 */
import type { BatchStatusReport } from '../../contract/records.js';
import { batchIdOf, parseCommandArgs, requireUser, resolveLang } from '../args.js';
import { valueOf } from '../failure.js';
import { line, type CliIo } from '../io.js';
import { PROGRESS_OPTION, progressMode, progressPrinter } from '../progress.js';
import { withSession, type Session } from '../session.js';
import { GATE_OPTIONS, sendingOverrides } from './gateOptions.js';
import { everyPaid, printOutcome, printReports } from './statusPrinter.js';

const OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  wait: { type: 'boolean' },
  json: { type: 'boolean' },
  ...PROGRESS_OPTION,
  ...GATE_OPTIONS,
} as const;

type SendingCommand = 'submit' | 'resume' | 'recheck';

export function runSending(command: SendingCommand) {
  return async (argv: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS);
    const lang = resolveLang(values['lang'], io.env);
    const batchId = command === 'resume' && positionals.length === 0 ? undefined : batchIdOf(positionals);
    requireUser(values);
    const json = values['json'] === true;
    const wait = values['wait'] === true;
    const progress = progressPrinter(progressMode(values, io), io, lang);
    const sending = sendingOverrides(values);
    return withSession(
      io,
      { values, lang, use: 'existing', sending, identity: 'required', json },
      async (session) => {
        const unsubscribe = session.runtime.events.subscribe(progress.onEvent);
        try {
          if (command === 'recheck') return await recheck(session, batchId as number, io, json);
          return await send(session, command, batchId, { io, json, wait });
        } finally {
          unsubscribe();
          progress.done();
        }
      },
    );
  };
}

async function send(
  { runtime, caller }: Session,
  command: 'submit' | 'resume',
  batchId: number | undefined,
  { io, json, wait }: { io: CliIo; json: boolean; wait: boolean },
): Promise<number> {
  const { app } = runtime;
  if (batchId !== undefined) {
    // submit: approved → sending, once the environment is reachable; resume: paused → sending.
    valueOf(
      io,
      await app.call(command === 'submit' ? 'submitBatch' : 'resumeBatch', { batchId }, caller),
      json,
    );
  }
  // The batches this run follows: the one named, or every active one.
  const followed =
    batchId !== undefined
      ? [batchId]
      : valueOf(io, await app.call('listBatches', { active: true }, caller), json).map((batch) => batch.id);

  const stop = untilSignal(io.stop);
  let run;
  try {
    run = await runtime.sending.run({
      batchIds: batchId === undefined ? undefined : [batchId],
      wait,
      signal: stop.signal,
    });
  } finally {
    stop.release();
  }
  const reports: BatchStatusReport[] = [];
  for (const id of followed)
    reports.push(valueOf(io, await app.call('batchStatus', { batchId: id }, caller), json));
  printReports(io, reports, { json, lang: caller.lang, run });
  if (!json && wait) printOutcome(io, reports, caller.lang);
  // (Why the provider could not be reached, or which batch was blocked, was printed when it happened.)
  if (run.stoppedBy === 'unreachable') return 2;
  if (run.blockedBatches.length > 0) return 1;
  // With --wait the exit code says whether people were paid: 0 only when every payout is paid.
  return wait && !everyPaid(reports) ? 1 : 0;
}

async function recheck(
  { runtime, caller }: Session,
  batchId: number,
  io: CliIo,
  json: boolean,
): Promise<number> {
  const result = valueOf(io, await runtime.app.call('recheckBatch', { batchId }, caller), json);
  if (!json) {
    line(
      io.stdout,
      caller.lang === 'zh-CN'
        ? `已重新查询 ${result.checked} 笔付款；${result.changed} 笔有变化。`
        : `Asked again about ${result.checked} payouts; ${result.changed} changed.`,
    );
  }
  printReports(io, [result.report], { json, lang: caller.lang });
  return 0;
}

/** An abort signal for Ctrl+C, SIGTERM or the caller's stop; `release` removes the listeners. */
function untilSignal(external: AbortSignal | undefined) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  external?.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
      external?.removeEventListener('abort', abort);
    },
  };
}
