/** Text made in the window (a template, the error rows) handed to the person as a file to save. */

/**
 * Offers `text` for saving as `fileName` through a Blob address: works the same in the desktop app and in
 * browser mode, and nothing leaves the machine.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next turn; the address is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
