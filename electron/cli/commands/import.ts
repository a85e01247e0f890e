import { importPayoutFile } from '../../core/intake.js';
import { loadReferenceData } from '../../core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../core/paths.js';
import { openDatabase } from '../../core/store/database.js';
import { StoreError } from '../../core/store/errors.js';
import { formatFen } from '../../core/money.js';
import { requireDb, requireUser } from '../args.js';
import { cliMessages } from '../messages.js';
import { fileToJson, printHumanReport, rowToJson } from '../report.js';
import { parseIntakeArgs, readInputFile } from './intakeOptions.js';
import { reportFileError } from './fileError.js';

/**
 * `cup-payouts import FILE --db PATH --user NAME …`: stores a draft batch, all rows or none.
 * Exit 0 stored; 1 refused (rows with errors, a file imported before, a payment id already used); 2 unusable file.
 */
export function runImport(argv: string[]): number {
  const { args, values } = parseIntakeArgs(argv, {
    user: { type: 'string' },
    'drop-errors': { type: 'boolean' },
    'allow-duplicate-file': { type: 'boolean' },
  });
  const dbPath = requireDb(values);
  const user = requireUser(values);
  const bytes = readInputFile(args);
  if (!bytes) return 2;

  const m = cliMessages(args.lang);
  const db = openDatabase(dbPath);
  try {
    const outcome = importPayoutFile(bytes, args.fileName, loadReferenceData(SOURCE_REFERENCE_DIR), {
      method: args.method,
      encoding: args.encoding,
      map: args.map,
      db,
      user,
      dropErrors: values['drop-errors'] === true,
      allowDuplicateFile: values['allow-duplicate-file'] === true,
    });
    const { validation, stored, refusal } = outcome;
    const refusalMessage =
      refusal?.code === 'ROWS_HAVE_ERRORS'
        ? m.refusedErrors(refusal.errorRows)
        : refusal?.code === 'FILE_ALREADY_IMPORTED'
          ? m.refusedDuplicate(refusal.batchIds.join(', '))
          : refusal?.code === 'NOTHING_TO_IMPORT'
            ? m.refusedNothing
            : null;

    if (args.json) {
      const document = {
        batch_id: stored?.batchId ?? null,
        summary: validation.summary,
        file: fileToJson(validation),
        stored: stored ? { payouts: stored.payoutCount, total_fen: stored.totalFen } : null,
        refused: refusal ? { code: refusal.code, message: refusalMessage } : null,
        // Rows that were refused or left out, so a script can show the operator what to fix.
        error_rows: validation.rows
          .filter((row) => row.status === 'error')
          .map((row) => rowToJson(row, args.lang)),
      };
      process.stdout.write(JSON.stringify(document) + '\n');
    } else {
      printHumanReport(validation, args.lang);
      console.log('');
      if (stored) {
        console.log(m.stored(stored.batchId, stored.payoutCount, formatFen(stored.totalFen)));
        if (validation.summary.errors > 0) console.log(m.droppedRows(validation.summary.errors));
      } else if (refusalMessage) console.error(refusalMessage);
    }
    return stored ? 0 : 1;
  } catch (err) {
    if (err instanceof StoreError && err.code === 'PAYMENT_ID_USED') {
      console.error(m.paymentIdUsed(err.details.paymentId ?? ''));
      return 1;
    }
    return reportFileError(err, args.lang);
  } finally {
    db.close();
  }
}
