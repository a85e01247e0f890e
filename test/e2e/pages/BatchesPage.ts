/**
 * The batch list: every batch as a row of the grid (file and method, status, total and payouts, paid,
 * failed, who imported and approved it, the environment), live as batches change.
 */
import type { Locator } from 'playwright-core';
import { literal, type ConsoleUi } from './consoleUi.js';

export class BatchesPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-batches-index');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('batches.title'), exact: true });
  }

  get grid(): Locator {
    return this.root.getByTestId('batches-table');
  }

  /** The grid's body rows (vxe-table draws them as rows of its body table). */
  get rows(): Locator {
    return this.grid.locator('.vxe-body--row');
  }

  /** The row of a batch: the one holding its "open batch N" link. */
  row(batchId: number): Locator {
    return this.rows.filter({ has: this.link(batchId) });
  }

  openLink(batchId: number): Locator {
    return this.grid.locator(this.link(batchId));
  }

  /** The link by its name alone (a filter's inner locator is relative to the element it filters). */
  private link(batchId: number): Locator {
    return this.page.getByRole('link', {
      name: this.ui.t('batches.openBatch', { id: batchId }),
      exact: true,
    });
  }

  /** The column headers' titles, in order. */
  columnTitles(): Promise<string[]> {
    return this.grid
      .locator('.vxe-header--column')
      .allInnerTexts()
      .then((titles) => titles.map((title) => title.trim()));
  }

  /** The line telling an approver how many batches await them. */
  get awaitingApproval(): Locator {
    return this.root.getByTestId('awaiting-approval');
  }

  /** The list's failure with its retry (never an empty list when it could not be read). */
  get loadError(): Locator {
    return this.root.getByTestId('load-error');
  }

  get retryButton(): Locator {
    return this.loadError.getByRole('button', { name: this.ui.t('common.retry'), exact: true });
  }

  /** The empty grid's message (vxe-table keeps a hidden copy of its empty slot for measuring). */
  get empty(): Locator {
    return this.grid.getByText(literal(this.ui.t('batches.empty'))).filter({ visible: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async open(batchId: number): Promise<void> {
    await this.openLink(batchId).click();
    await this.page.getByTestId('view-batches-detail').waitFor();
  }
}
