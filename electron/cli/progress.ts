/**
 * Progress of long work on the command line: a bar on a terminal (counts, rate, what is left), JSON lines
 * for scripts that ask for them, nothing otherwise. Always on stderr: stdout keeps the command's result.
 */
import type { ConsoleEvent } from '../contract/events.js';
import type { Lang } from '../core/types.js';
import { UsageError, type Values } from './args.js';
import type { CliIo } from './io.js';

export type ProgressMode = 'bar' | 'json' | 'none';

export const PROGRESS_OPTION = { progress: { type: 'string' } } as const;

/** --progress auto|bar|json|none; auto is a bar when stderr is a terminal and --json was not asked for. */
export function progressMode(values: Values, io: CliIo): ProgressMode {
  const raw = values['progress'] ?? 'auto';
  if (raw === 'bar' || raw === 'json' || raw === 'none') return raw;
  if (raw !== 'auto')
    throw new UsageError(`--progress must be auto, bar, json or none, not "${String(raw)}"`);
  return io.stderr.isTTY && values['json'] !== true ? 'bar' : 'none';
}

const WORDS = {
  en: {
    read: 'Reading',
    validate: 'Validating',
    store: 'Storing',
    rows: 'rows',
    sent: 'sent',
    awaiting: 'awaiting the provider',
    queued: 'to send',
    left: 'left',
  },
  'zh-CN': {
    read: '读取',
    validate: '校验',
    store: '保存',
    rows: '行',
    sent: '已发送',
    awaiting: '等待服务商',
    queued: '待发送',
    left: '剩余',
  },
} as const;

const WIDTH = 24;
const MIN_REDRAW_MS = 100;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.min(WIDTH, Math.round((done / total) * WIDTH)) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
}

const count = (n: number) => n.toLocaleString('en-US');

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Returns the listener to subscribe, and `done()` to call when the command's work is over. */
export function progressPrinter(mode: ProgressMode, io: CliIo, lang: Lang) {
  const w = WORDS[lang];
  let lastDraw = 0;
  let drawn = false;
  const startedAt = Date.now();

  const draw = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < MIN_REDRAW_MS) return;
    lastDraw = now;
    drawn = true;
    io.stderr.write(`\r\x1b[2K${text}`);
  };

  const rate = (done: number) => {
    const seconds = (Date.now() - startedAt) / 1000;
    return seconds > 0 ? done / seconds : 0;
  };

  function onEvent(event: ConsoleEvent): void {
    // The engine's own failures are never dropped, whatever the mode: stderr, with the log reference.
    if (event.type === 'engine.error') {
      if (drawn) io.stderr.write('\n');
      drawn = false;
      io.stderr.write(`${event.code}: ${event.message}\n`);
      return;
    }
    if (mode === 'none') return;
    if (mode === 'json') {
      if (event.type === 'intake.progress' || event.type === 'sending.progress')
        io.stderr.write(`${JSON.stringify(event)}\n`);
      return;
    }
    if (event.type === 'intake.progress') {
      // While a file is read its number of rows is not known yet: a count, no bar.
      if (event.total === null) {
        draw(`${w[event.phase]} ${count(event.done)} ${w.rows}`);
        return;
      }
      const total = event.total;
      const text = `${w[event.phase]} ${bar(event.done, total)} ${count(event.done)}/${count(total)} ${w.rows}`;
      draw(text, event.done === total);
    } else if (event.type === 'sending.progress') {
      const perSecond = rate(event.sent);
      const left = perSecond > 0 ? event.queued / perSecond : 0;
      const total = event.sent + event.queued;
      draw(
        `${bar(event.sent, total)} ${w.sent} ${count(event.sent)}/${count(total)} · ${w.awaiting} ${count(event.awaiting)}` +
          ` · ${Math.round(perSecond)}/s · ${w.left} ~${duration(left * 1000)}`,
      );
    }
  }

  return {
    onEvent,
    done() {
      if (drawn) io.stderr.write('\n');
      drawn = false;
    },
  };
}
