/**
 * Offline reconciliation: the provider's file and the run's options, the run's eight counts as tiles, its
 * exceptions (each closed with a note in a dialog), pending payouts and purchases, and the earlier runs.
 */
import type { Locator } from 'playwright-core';
import type { ReconciliationSummary } from '../../../electron/contract/records.js';
import type { ConsoleUi } from './consoleUi.js';

export class ReconciliationPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-reconciliation-index');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('reconciliation.title'), exact: true });
  }

  get navItem(): Locator {
    return this.page
      .getByRole('menubar', { name: this.ui.t('common.title') })
      .getByRole('menuitem', { name: this.ui.t('layout.nav.reconciliation'), exact: true });
  }

  async open(): Promise<void> {
    await this.navItem.click();
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  get form(): Locator {
    return this.root.getByTestId('reconcile-form');
  }

  /** Picks the provider's file (as the file dialog would). */
  async chooseFile(name: string, content: string, mimeType = 'application/json'): Promise<void> {
    await this.root
      .getByTestId('provider-file-drop')
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType, buffer: Buffer.from(content, 'utf8') });
    await this.root.getByTestId('provider-file-name').waitFor();
  }

  get runButton(): Locator {
    return this.form.getByRole('button', { name: this.ui.t('reconciliation.form.run'), exact: true });
  }

  get result(): Locator {
    return this.root.getByTestId('reconcile-result');
  }

  tileCount(key: keyof ReconciliationSummary): Locator {
    return this.result.getByTestId(`tile-${key}`).getByTestId('tile-count');
  }

  get exceptionsTable(): Locator {
    return this.result.getByTestId('exceptions-table');
  }

  get exceptionRows(): Locator {
    return this.exceptionsTable.locator('.el-table__body tr');
  }

  exceptionRow(paymentId: string): Locator {
    return this.exceptionRows.filter({ hasText: paymentId });
  }

  resolveButton(paymentId: string): Locator {
    return this.exceptionRow(paymentId).getByRole('button', {
      name: this.ui.t('reconciliation.exceptions.resolve'),
      exact: true,
    });
  }

  get resolveDialog(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByTestId('resolve-note') });
  }

  /** Closes an exception with a note through its dialog. */
  async resolve(paymentId: string, note: string): Promise<void> {
    await this.resolveButton(paymentId).click();
    await this.resolveDialog.waitFor();
    await this.resolveDialog
      .getByRole('textbox', { name: this.ui.t('reconciliation.resolve.note') })
      .fill(note);
    await this.resolveDialog
      .getByRole('button', { name: this.ui.t('reconciliation.resolve.confirm'), exact: true })
      .click();
    await this.resolveDialog.waitFor({ state: 'hidden' });
  }

  /** A tab of the run (Element Plus names each tab's element after its pane). */
  tab(name: 'exceptions' | 'pending' | 'purchases'): Locator {
    return this.result.locator(`#tab-${name}`);
  }

  get history(): Locator {
    return this.root.getByTestId('run-history');
  }

  get historyRows(): Locator {
    return this.history.locator('.el-table__body tr');
  }
}
