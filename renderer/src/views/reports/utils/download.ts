/**
 * A report file handed to the person as a download. The main process sends its bytes as base64 (an XLSX is
 * binary, a GB18030 CSV is not UTF-8): they are saved exactly as made, nothing re-encoded here.
 */
import type { ReportFile } from '../../../../../electron/contract/records';

/** The bytes of a base64 text. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function reportBlob(file: ReportFile): Blob {
  return new Blob([base64Bytes(file.content_base64)], { type: file.media_type });
}

/** Offers the file for saving under its own name. */
export function saveReportFile(file: ReportFile): void {
  const url = URL.createObjectURL(reportBlob(file));
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
