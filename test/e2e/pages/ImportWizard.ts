/**
 * Importing a payout file: step one takes the file, step two shows how the console reads it (encoding,
 * delimiter and method, each a select; the columns; the first rows) and validates the whole file into the
 * grid of step three (ValidationGrid).
 */
import type { Locator } from 'playwright-core';
import type { ConsoleUi } from './consoleUi.js';
import { chooseOption, selectedLabel } from './elementSelect.js';

export class ImportWizard {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-import-index');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('import.title'), exact: true });
  }

  /** The drop area's file input (what a drop or the file dialog fills). */
  get fileInput(): Locator {
    return this.root.getByTestId('file-drop').locator('input[type=file]');
  }

  get preview(): Locator {
    return this.root.getByTestId('import-preview');
  }

  get fileName(): Locator {
    return this.preview.getByTestId('file-name');
  }

  /** The reading options' selects, found by their form labels. */
  option(option: 'method' | 'encoding' | 'delimiter'): Locator {
    return this.preview.getByRole('combobox', { name: this.ui.t(`import.options.${option}`), exact: true });
  }

  /** What a reading option's select shows chosen (e.g. "Automatic (GB18030 (GBK))"). */
  chosen(option: 'method' | 'encoding' | 'delimiter'): Promise<string> {
    return selectedLabel(this.preview.getByTestId(option));
  }

  async choose(option: 'method' | 'encoding' | 'delimiter', label: string): Promise<void> {
    await chooseOption(this.option(option), label);
  }

  /** The first rows as the file has them. */
  get rawPreview(): Locator {
    return this.preview.getByTestId('raw-preview');
  }

  get previewError(): Locator {
    return this.preview.getByTestId('preview-error');
  }

  /** "Validate all N rows". */
  validateButton(rows: number): Locator {
    return this.preview.getByRole('button', {
      name: this.ui.t('import.validateAll', { n: rows }, rows),
      exact: true,
    });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
    await this.root.getByTestId('file-drop').waitFor();
  }

  /** Picks the file (as the file dialog would) and waits for the console's reading of it. */
  async chooseFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
    await this.rawPreview.waitFor();
  }

  /** Validates every row; the grid is shown once its first rows are drawn. */
  async validate(rows: number): Promise<void> {
    await this.validateButton(rows).click();
    await this.page.getByTestId('validation-grid').locator('.vxe-body--row').first().waitFor();
  }
}
