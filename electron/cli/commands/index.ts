/**
 * Every command's usage, and where its implementation lives. Implementations load only when their command
 * runs, so `cup-payouts --help` (and every command) starts without loading the rest.
 */
import type { CliIo } from '../io.js';

export type RunCommand = (argv: string[], io: CliIo) => Promise<number>;

export interface CommandEntry {
  usage: string;
  load(): Promise<RunCommand>;
}

const DB = '[--db PATH]';
const GATE = '[gate options]';

export const GATE_USAGE = `Gate options: [--gate URL] [--paygate URL] [--env sandbox|production] [--concurrency N] [--rate N/s]
          [--timeout-ms N]
  Timing: [--status-delay-ms N] [--poll-initial-ms N] [--poll-max-ms N] [--not-found-grace-ms N]
          [--not-found-confirmations N] [--threshold-ms N]
  Payout fields no file carries: [--payout-ip IP] [--payout-city C] [--payout-zip Z] [--payout-street S]
          [--payout-email E] [--payout-description D]
  Without --gate the sandbox runs in-process (its ledger is kept beside the database). Defaults come from
  the settings (cup-payouts settings show). Refund batches go to Computop Paygate: --paygate names its base
  URL (default: the embedded sandbox, or www.computop-paygate.com with --env production and the merchant
  stored by credentials set --provider computop).`;

export const COMMANDS: Record<string, CommandEntry> = {
  init: {
    usage: `init --db PATH --admin NAME [--json]
  Creates a console database, its installation key and the first admin. The key is locked by the
  passphrase (CUP_PAYOUTS_PASSPHRASE or a prompt, 12+ characters); the admin's password comes from
  CUP_NEW_PASSWORD or a prompt. Only init and the desktop app's first start create a database.`,
    load: async () => (await import('./database.js')).init,
  },
  backup: {
    usage: `backup --db PATH --out FILE --user ADMIN [--json]
  A consistent copy of the database, made while consoles keep using it; never overwrites a file.`,
    load: async () => (await import('./database.js')).backup,
  },
  validate: {
    usage: `validate FILE [--kind payout|refund] [--method cup-p2p|cup-quickpay|cup-banks]
           [--encoding auto|utf-8|gb18030|big5]
           [--map "their header=field,…"] ${DB} [--json] [--progress auto|bar|json|none] [--preview N]
           [--payout-city C] [--payout-zip Z] [--payout-street S] [--payout-email E] [--payout-description D]
           [--payout-phone P]
  Checks a payout file without storing it (exit 0 no row has an error, 1 rows have errors, 2 unusable file).
  With --db (or CUP_PAYOUTS_DB) it also reports payment ids used by earlier batches, files imported before
  and payees paid the same amount in the last 30 days (settings: duplicate-window-days).
  --payout-* fill mandatory fields the file leaves empty (over the settings' payout.* defaults).
  --preview N prints the request bodies of the first N payable rows as they would be sent (card masked).
  --kind refund reads a refund file (pay_id, trans_id, amount, currency, reason, ref_nr, captured_amount):
  refunds of earlier ChinaPay payments through Computop Paygate, never above what was captured.`,
    load: async () => (await import('./validate.js')).run,
  },
  import: {
    usage: `import FILE ${DB} --user NAME [validate options] [--drop-errors] [--allow-duplicate-file] [--json]
  Stores the file as one draft batch, all rows or none (exit 0 stored, 1 refused, 2 unusable file).
  --kind refund stores a refund batch; approve, submit, resume, status, list, pause and cancel work on it.
  Card numbers, ID numbers and phones are stored encrypted; the batch shows them masked.`,
    load: async () => (await import('./import.js')).run,
  },
  list: {
    usage: `list ${DB} [--status S,…] [--active] [--json]
  Every batch, newest first: status, payouts, sums per state, importer, approver, dates.`,
    load: async () => (await import('./list.js')).run,
  },
  show: {
    usage: `show BATCH ${DB} [--state S,…] [--code C] [--offset N] [--limit N] [--json]
  show BATCH ${DB} --clear-payee-data --user ADMIN [--json]
  One batch and a page of its payouts (card numbers masked), filtered by state or code. An admin may ask
  for the payees' card numbers, ID numbers and phones in clear: the audit trail records it.`,
    load: async () => (await import('./show.js')).run,
  },
  status: {
    usage: `status BATCH ${DB} [--json]
  Counts and sums per status; without --json, the payouts that are not paid, with code and plain reason.`,
    load: async () => (await import('./status.js')).run,
  },
  report: {
    usage: `report (BATCH | --from DATE --to DATE) ${DB} --format csv|xlsx|json --out FILE
           [--encoding utf-8|gb18030] [--clear-cards --user ADMIN] [--json]
  A month-end report of a batch, or of the payouts that became final on the days from DATE to DATE
  (YYYY-MM-DD, both included, this computer's time zone; payouts not final yet count on their import day):
  every payout with status, provider code, plain reason and dates; XLSX and JSON add the summaries by status,
  bank, region and day. CSV is UTF-8 with a BOM (or GB18030), card numbers masked; --clear-cards (an admin)
  writes them in clear. Every export is audited, so the database's passphrase is needed.
  (exit 0 written, 1 refused or batch not found, 2 unusable date, format or path)`,
    load: async () => (await import('./report.js')).run,
  },
  'retry-failed': {
    usage: `retry-failed BATCH ${DB} --user NAME [--json]
  The declined and rejected payouts of a batch as a new draft batch: new payment ids, each linked to the
  payout it pays again. It needs a fresh approval by someone else; a payout is paid again at most once.`,
    load: async () => (await import('./retryFailed.js')).run,
  },
  approve: {
    usage: `approve BATCH ${DB} --user NAME
  Four-eyes approval: an approver other than the importer (or an editor) approves a draft; its payouts are
  queued. Above the settings' second-approver-above total, two different approvers are needed.`,
    load: async () => (await import('./batchControl.js')).runAction('approve'),
  },
  reject: {
    usage: `reject BATCH ${DB} --user NAME --reason TEXT
  Refuses a draft; the reason is kept with the batch and in the audit trail.`,
    load: async () => (await import('./batchControl.js')).runAction('reject'),
  },
  submit: {
    usage: `submit BATCH ${DB} --user NAME ${GATE} [--wait] [--json]
  Sends an approved batch. With --wait it returns when every payout is final or needs attention
  (exit 0 when all are final, 1 otherwise).`,
    load: async () => (await import('./sending.js')).runSending('submit'),
  },
  resume: {
    usage: `resume [BATCH] ${DB} --user NAME ${GATE} [--wait] [--json]
  Continues every interrupted batch (and, with BATCH, a paused one). Unknown outcomes are resolved by status
  query before anything is resent.`,
    load: async () => (await import('./sending.js')).runSending('resume'),
  },
  pause: {
    usage: `pause BATCH ${DB} --user NAME
  Stops sending the unsent rest; payouts already sent are still followed to the end.`,
    load: async () => (await import('./batchControl.js')).runAction('pause'),
  },
  cancel: {
    usage: `cancel BATCH ${DB} --user NAME
  Cancels what has not been sent; payouts already sent are still followed to the end.`,
    load: async () => (await import('./batchControl.js')).runAction('cancel'),
  },
  recheck: {
    usage: `recheck BATCH ${DB} --user NAME ${GATE} [--json]
  Asks the provider again about successes and needs-attention payouts: records reversals. Sends nothing.`,
    load: async () => (await import('./sending.js')).runSending('recheck'),
  },
  reconcile: {
    usage: `reconcile ${DB} --provider-file FILE [--format ecommpay-json|csv] [--map "their header=field,…"]
          [--encoding auto|utf-8|gb18030|big5] [--grace-minutes N] [--user NAME] [--json]
  Matches the provider's operations (the Data API's /operations/get JSON saved to a file, or a Dashboard CSV
  export) against the payouts sent, by payment id, then amount, currency and status. The run, the file's
  SHA-256 and its exceptions are stored; nothing is adjusted. Purchases are listed apart; payouts sent less
  than --grace-minutes ago are pending. CSV fields for --map: payment_id, operation_id, operation_type,
  operation_status, amount (500.00), amount_minor (50000), currency, created_at, completed_at, code, message.
  Without --user the run is recorded as the console's (the passphrase is needed for the audit trail).
  (exit 0 no exceptions, 1 exceptions, 2 unreadable file)`,
    load: async () => (await import('./reconcile.js')).run,
  },
  reconciliations: {
    usage: `reconciliations [RUN] ${DB} [--offset N] [--limit N] [--json]
  The reconciliation runs, newest first; with RUN, that run with its exceptions, pending payouts and purchases.`,
    load: async () => (await import('./reconcile.js')).runs,
  },
  'resolve-exception': {
    usage: `resolve-exception ID --note TEXT ${DB} --user NAME [--json]
  Closes a reconciliation exception with a note: who, when and why go to the audit trail. Nothing else changes.`,
    load: async () => (await import('./reconcile.js')).resolve,
  },
  sandbox: {
    usage: `sandbox [--port N] [--fault-rate 0..1] [--faults kind,kind] [--latency-ms N] [--final-after-ms N]
        [--seed S] [--state FILE] [--fields all|essential] [--chinaunionpay-method any|METHOD]
        [--status-signature-order documented|sdk-numeric] [--retried-operations N]
  Runs the emulated ecommpay test project on 127.0.0.1 until stopped (Ctrl+C). Prints its base URL first.
  It refuses a payout missing any field the provider's documents make mandatory (2004, naming the field;
  --fields essential checks only what a payout cannot do without), serves /v2/payment/chinaunionpay/payout for
  every method and, with --status-signature-order sdk-numeric and --retried-operations N, answers status
  queries with long operations[] signed in the order the provider's SDKs use.
  Fault kinds: latency, http500, drop_before_register, drop_after_register, malformed_json, bad_signature,
  temporary_3062.`,
    load: async () => (await import('./sandbox.js')).run,
  },
  'serve-web': {
    usage: `serve-web [--port N] ${DB}
  Serves the console's page to your browser on 127.0.0.1 (this computer only) until stopped (Ctrl+C): the
  same screens and operations as the desktop app, signed in the same way. Prints its address first; the
  address carries a token made for this run, and calls without it, or from another site, are refused.
  --port 0 (the default) takes any free port. The database is --db, else CUP_PAYOUTS_DB, else the desktop
  app's; a new one is set up on the page (first admin). With CUP_PAYOUTS_PASSPHRASE set, the database's key
  opens with it; otherwise the page asks for the passphrase.`,
    load: async () => (await import('./serveWeb.js')).run,
  },
  credentials: {
    usage: `credentials set ${DB} --user ADMIN --project-id N   (secret key on stdin)
  credentials set --provider computop --merchant-id ID ${DB} --user ADMIN   (HMAC, then Blowfish password on stdin)
  credentials set --provider data-api ${DB} --user ADMIN   (token, then its secret on stdin)
  credentials show [--provider ecommpay|computop|data-api] ${DB} [--json]
  credentials delete [--provider …] ${DB} --user ADMIN
  Secrets are write-only: stored encrypted under the installation key, never shown again.
  (exit 0 done, 1 nothing stored, 2 unusable command, passphrase or data)`,
    load: async () => (await import('./credentials.js')).run,
  },
  banks: {
    usage: `banks list [--method M|all] [--json]
  banks refresh ${DB} --user NAME [--method M|all] ${GATE} [--json]
  banks show ${DB} [--method M|all] [--json]
  list prints the shipped tables (ID, English and Chinese name, region-name flag) and needs no database.
  (exit 1 if a list could not be fetched, or show finds a method with no stored list)`,
    load: async () => (await import('./banks.js')).run,
  },
  settings: {
    usage: `settings show ${DB} [--json]
  settings set KEY VALUE ${DB} --user NAME
  Keys: environment (sandbox|production), gate-url (production Gate, or none), payout.ip, payout.city,
  payout.zip, payout.street, payout.email, payout.description, payout.phone, sending.concurrency,
  sending.rate, sending.timeout-ms, limits.METHOD (MIN-MAX in CNY within the method's documented limits,
  e.g. 10.00-44999.00, or default).`,
    load: async () => (await import('./settings.js')).run,
  },
  audit: {
    usage: `audit list ${DB} [--from DATE] [--to DATE] [--user NAME] [--action A] [--batch N] [--offset N] [--limit N] [--json]
  audit verify ${DB} [--json]
  list: the audit trail, oldest first (--action batch. for every batch action; show is the same).
  verify: checks the keyed hash chain (needs the passphrase): exit 0 intact, 1 with the first entry edited,
  inserted or deleted.`,
    load: async () => (await import('./audit.js')).run,
  },
  users: {
    usage: `users add NAME --role ROLE[,ROLE…] ${DB} --user ADMIN [--json]
  users list ${DB} [--json]
  users disable NAME ${DB} --user ADMIN
  users enable NAME ${DB} --user ADMIN
  users set-roles NAME --role ROLE[,ROLE…] ${DB} --user ADMIN
  users reset-password NAME ${DB} --user ADMIN
  users change-password ${DB} --user NAME
  Roles: admin (users, credentials, settings), operator (import, submit), approver (approve, reject),
  viewer (read, export). set-roles replaces an account's roles; the last active admin keeps admin, and
  no admin takes it from themself. The acting user's password comes from CUP_PASSWORD, a new password from
  CUP_NEW_PASSWORD (or prompts on a terminal); never from the command line.`,
    load: async () => (await import('./users.js')).run,
  },
};

export const MANUAL = `cup-payouts — the CUP Payout Console's command line

Commands:
${Object.values(COMMANDS)
  .map((entry) => `  ${entry.usage.split('\n')[0]}`)
  .join('\n')}

Every command takes [--lang en|zh-CN] and --help. The database is --db PATH, else CUP_PAYOUTS_DB.
Commands that change something act as --user NAME, signed in with CUP_PASSWORD (or a prompt); the
database's passphrase comes from CUP_PAYOUTS_PASSPHRASE (or a prompt). Reading commands need neither,
and never show clear card data.
\`cup-payouts COMMAND --help\` explains one command.

${GATE_USAGE}

Exit codes: 0 success; 1 rows with errors, a refused request or a batch not found; 2 the file, the command
line or the setup cannot be used.`;
