/**
 * One batch: its header (number, file, status, method), the actions the person may take, its facts, the
 * progress of sending (live), and its payouts page by page.
 */
import type { Download, Locator } from 'playwright-core';
import { literal, type ConsoleUi } from './consoleUi.js';
import { poll } from '../support/poll.js';

export type BatchAction = 'approve' | 'submit' | 'pause' | 'resume' | 'cancel' | 'recheck' | 'export';

export class BatchDetailPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-batches-detail');
  }

  /** "Batch #N" followed by the file's name. */
  heading(batchId: number): Locator {
    return this.root.getByRole('heading', {
      level: 2,
      name: literal(this.ui.t('batches.detail.heading', { id: batchId }), { prefix: true }),
    });
  }

  get header(): Locator {
    return this.root.getByTestId('batch-header');
  }

  /** The batch's status tag. */
  get status(): Locator {
    return this.header.getByTestId('batch-status');
  }

  get actions(): Locator {
    return this.root.getByRole('group', { name: this.ui.t('batches.detail.actions'), exact: true });
  }

  action(action: BatchAction): Locator {
    return this.actions.getByRole('button', { name: this.ui.t(`batches.action.${action}`), exact: true });
  }

  /** The failure of the last action, with the main process's message and code. */
  get actionError(): Locator {
    return this.root.getByTestId('action-error');
  }

  get facts(): Locator {
    return this.root.getByTestId('batch-facts');
  }

  get progress(): Locator {
    return this.root.getByTestId('batch-progress');
  }

  /** "N of M payouts final". */
  get progressFinal(): Locator {
    return this.root.getByTestId('progress-final');
  }

  finalOf(final: number, total: number): string {
    return this.ui.t('batches.progress.finalOf', { final, total });
  }

  /** The count and sum per payout state (each a button filtering the payouts to it). */
  get progressStates(): Locator {
    return this.root.getByTestId('progress-states').getByRole('button');
  }

  get payoutsGrid(): Locator {
    return this.root.getByTestId('payouts-grid');
  }

  get payoutRows(): Locator {
    return this.payoutsGrid.locator('.vxe-body--row');
  }

  /** The payout row with this payment ID. */
  payoutRow(paymentId: string): Locator {
    return this.payoutRows.filter({ hasText: paymentId });
  }

  async waitUntilShown(batchId: number): Promise<void> {
    await this.heading(batchId).waitFor();
  }

  /** Sends the batch: Send, then the confirmation naming count, total and environment. */
  async send(expectedConfirmation: string): Promise<void> {
    await this.action('submit').click();
    const dialog = this.page.getByRole('dialog', { name: this.ui.t('batches.action.confirmTitle') });
    await dialog.waitFor();
    await poll(() => dialog.innerText()).toContain(expectedConfirmation);
    await dialog.getByRole('button', { name: this.ui.t('batches.action.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Exports the results; the browser's download of the file. */
  async exportResults(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.action('export').click()]);
    return download;
  }
}
