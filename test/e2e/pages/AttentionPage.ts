/** The needs-attention queue: what waits for a person across every batch, oldest first, and what to do. */
import type { Locator } from 'playwright-core';
import type { ConsoleUi } from './consoleUi.js';

export class AttentionPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-attention-index');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('attention.title'), exact: true });
  }

  /** "Nothing needs attention". */
  get empty(): Locator {
    return this.root.getByTestId('attention-empty');
  }

  get table(): Locator {
    return this.root.getByTestId('attention-table');
  }

  /** The queue's items: the table's body rows. */
  get items(): Locator {
    return this.table.locator('.el-table__body tr');
  }

  /** The item of a batch: the row holding its "open batch N" link. */
  item(batchId: number): Locator {
    return this.items.filter({ has: this.link(batchId) });
  }

  openLink(batchId: number): Locator {
    return this.table.locator(this.link(batchId));
  }

  /** The link by its name alone (a filter's inner locator is relative to the element it filters). */
  private link(batchId: number): Locator {
    return this.page.getByRole('link', {
      name: this.ui.t('attention.openBatch', { id: batchId }),
      exact: true,
    });
  }

  get kindFilter(): Locator {
    return this.root.getByRole('radiogroup', { name: this.ui.t('attention.filterKind'), exact: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
    // Read: either the queue or its empty state.
    await this.empty.or(this.table).waitFor();
  }
}
