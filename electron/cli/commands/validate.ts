import { existsSync } from 'node:fs';
import { validatePayoutFile } from '../../core/intake.js';
import { cliMessages } from '../messages.js';
import { loadReferenceData } from '../../core/reference/referenceData.js';
import { SOURCE_REFERENCE_DIR } from '../../core/paths.js';
import { openDatabase } from '../../core/store/database.js';
import { parseIntakeArgs, readInputFile } from './intakeOptions.js';
import { fileToJson, printHumanReport, rowToJson } from '../report.js';
import { reportFileError } from './fileError.js';

/** `cup-payouts validate FILE …`: validates without storing. Exit 0 no error rows, 1 error rows, 2 unusable file. */
export function runValidate(argv: string[]): number {
  const { args } = parseIntakeArgs(argv, {});
  const bytes = readInputFile(args);
  if (!bytes) return 2;
  // A mistyped --db must not quietly create an empty database and report every payment id as unused.
  if (args.dbPath && !existsSync(args.dbPath)) {
    console.error(cliMessages(args.lang).databaseNotFound(args.dbPath));
    return 2;
  }
  const db = args.dbPath ? openDatabase(args.dbPath) : undefined;
  try {
    const result = validatePayoutFile(bytes, args.fileName, loadReferenceData(SOURCE_REFERENCE_DIR), {
      method: args.method,
      encoding: args.encoding,
      map: args.map,
      db,
    });
    if (args.json) {
      const document = {
        file: fileToJson(result),
        summary: result.summary,
        rows: result.rows.map((row) => rowToJson(row, args.lang)),
      };
      process.stdout.write(JSON.stringify(document) + '\n');
    } else {
      printHumanReport(result, args.lang);
    }
    return result.summary.errors > 0 ? 1 : 0;
  } catch (err) {
    return reportFileError(err, args.lang);
  } finally {
    db?.close();
  }
}
