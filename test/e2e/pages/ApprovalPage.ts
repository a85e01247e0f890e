/**
 * The approver's review of a draft: control totals, breakdowns, warnings, the approvals so far; then the
 * count and total typed again, and Approve (offered only once both match) or Reject.
 */
import type { Locator } from 'playwright-core';
import { literal, type ConsoleUi } from './consoleUi.js';

export class ApprovalPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-approval-index');
  }

  /** "Review batch #N" and its status tag. */
  heading(batchId: number): Locator {
    return this.root.getByRole('heading', {
      level: 2,
      name: literal(this.ui.t('approval.title', { id: batchId }), { prefix: true }),
    });
  }

  get controlTotals(): Locator {
    return this.root.getByTestId('control-totals');
  }

  get controlCount(): Locator {
    return this.root.getByTestId('control-count');
  }

  get controlTotal(): Locator {
    return this.root.getByTestId('control-total');
  }

  get approvals(): Locator {
    return this.root.getByTestId('approvals');
  }

  breakdown(by: 'bank' | 'region' | 'band'): Locator {
    return this.root.getByTestId(`breakdown-${by}`);
  }

  get warnings(): Locator {
    return this.root.getByTestId('approval-warnings');
  }

  warningsHeading(count: number): Locator {
    return this.warnings.getByRole('heading', { name: this.ui.t('approval.warnings', { n: count }) });
  }

  /** The warnings table's body rows. */
  get warningRows(): Locator {
    return this.warnings.locator('.el-table__body tr');
  }

  get typedCount(): Locator {
    return this.root.getByLabel(this.ui.t('approval.typedCount'), { exact: true });
  }

  get typedTotal(): Locator {
    return this.root.getByLabel(this.ui.t('approval.typedTotal'), { exact: true });
  }

  /** What the page says of a typed figure: matches, differs, or not a number. */
  get countCheck(): Locator {
    return this.root.getByTestId('confirm-count-check');
  }

  get totalCheck(): Locator {
    return this.root.getByTestId('confirm-total-check');
  }

  get approveButton(): Locator {
    return this.root.getByRole('button', { name: this.ui.t('approval.approve'), exact: true });
  }

  get rejectButton(): Locator {
    return this.root.getByRole('button', { name: this.ui.t('approval.reject'), exact: true });
  }

  get approveError(): Locator {
    return this.root.getByTestId('approve-error');
  }

  /** Why this person may not approve it (the importer, a viewer). */
  get refusal(): Locator {
    return this.root.getByTestId('approval-refusal');
  }

  async waitUntilShown(batchId: number): Promise<void> {
    await this.heading(batchId).waitFor();
    await this.controlTotals.waitFor();
  }

  async typeFigures(count: string, total: string): Promise<void> {
    await this.typedCount.fill(count);
    await this.typedTotal.fill(total);
  }
}
