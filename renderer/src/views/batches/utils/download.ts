/** A file the main process made (a batch's results) handed to the person as a download. */
import type { ExportedFile } from '../../../../../electron/contract/records';

const BOM = '\uFEFF';

/**
 * The file's bytes: its text as UTF-8, with exactly one byte-order mark for CSV (Excel reads a CSV without
 * one as the system's code page, and Chinese names turn to mojibake).
 */
export function exportBlob(file: ExportedFile): Blob {
  const csv = /^text\/csv\b/i.test(file.media_type) || /\.csv$/i.test(file.file_name);
  const text = csv && !file.content.startsWith(BOM) ? BOM + file.content : file.content;
  return new Blob([text], { type: file.media_type });
}

/** Offers the file for saving under its own name. */
export function saveExport(file: ExportedFile): void {
  const url = URL.createObjectURL(exportBlob(file));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.file_name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next turn; the address is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
