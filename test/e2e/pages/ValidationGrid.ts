/**
 * The import's third step: every row of the file validated, in a grid the operator fixes it in (double-click
 * a cell, type, Enter: the row is validated again), with the summary of what would be imported and the
 * explicit choice to leave the remaining error rows out.
 */
import type { Locator } from 'playwright-core';
import { formatCount, formatYuan } from '../../../renderer/src/format.js';
import { literal, type ConsoleUi } from './consoleUi.js';
import { poll } from '../support/poll.js';

export class ValidationGrid {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('import-review');
  }

  get grid(): Locator {
    return this.root.getByTestId('validation-grid');
  }

  get summary(): Locator {
    return this.root.getByTestId('import-summary');
  }

  /** A figure of the summary bar. */
  figure(figure: 'rows' | 'total' | 'errors' | 'warnings'): Locator {
    return this.summary.getByTestId(`summary-${figure}`);
  }

  get statusFilter(): Locator {
    return this.root.getByRole('radiogroup', { name: this.ui.t('import.filter.status'), exact: true });
  }

  /** A file line's row (the grid keys rows by their line in the file). */
  row(line: number): Locator {
    return this.grid.locator(`.vxe-body--row[rowid="${line}"]`);
  }

  /** The cell of a line under the column with this title. */
  async cell(line: number, columnTitle: string): Promise<Locator> {
    const header = this.grid.locator('.vxe-header--column').filter({ hasText: literal(columnTitle) });
    await poll(() => header.count()).toBe(1);
    const column = await header.getAttribute('colid');
    return this.row(line).locator(`td[colid="${column}"]`);
  }

  /** A line's status as the grid names it (OK, warning, error). */
  async status(line: number): Promise<string> {
    const cell = await this.cell(line, this.ui.t('import.grid.status'));
    return (await cell.innerText()).trim();
  }

  /** Edits a cell as a person does: double-click, type into the editor (named by its column), Enter. */
  async editCell(line: number, field: string, text: string): Promise<void> {
    const title = this.ui.t(`import.field.${field}`);
    await (await this.cell(line, title)).dblclick();
    const editor = this.grid.getByRole('textbox', { name: title, exact: true });
    await editor.fill(text);
    await editor.press('Enter');
    await editor.waitFor({ state: 'detached' });
  }

  /** The tick box leaving the remaining error rows out, named with their number and sum. */
  dropErrors(errors: number, errorFen: number): Locator {
    return this.summary.getByRole('checkbox', {
      name: this.ui.t(
        'import.summary.dropErrors',
        { n: formatCount(errors, this.ui.lang), total: formatYuan(errorFen) },
        errors,
      ),
      exact: true,
    });
  }

  /** "Import N payouts (¥total)". */
  importButton(payouts: number, totalFen: number): Locator {
    return this.summary.getByRole('button', {
      name: this.ui.t(
        'import.summary.import',
        { n: formatCount(payouts, this.ui.lang), total: formatYuan(totalFen) },
        payouts,
      ),
      exact: true,
    });
  }

  async waitUntilShown(): Promise<void> {
    await this.grid.locator('.vxe-body--row').first().waitFor();
    await this.summary.waitFor();
  }

  /** Ticks "import without the error rows" (the box is Element Plus's: its label takes the click). */
  async leaveErrorsOut(errors: number, errorFen: number): Promise<void> {
    const box = this.dropErrors(errors, errorFen);
    await this.summary.getByTestId('drop-errors').click();
    await poll(() => box.isChecked()).toBe(true);
  }
}
