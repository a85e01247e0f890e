/**
 * The month-end report: its scope (a batch or a range of days), the control figures, three charts drawn on
 * canvases, one page of payouts, and the exports (CSV with its encoding, Excel, JSON; an admin's switch for
 * card numbers in clear).
 */
import type { Download, Locator } from 'playwright-core';
import type { ReportFormat } from '../../../electron/contract/records.js';
import { literal, type ConsoleUi } from './consoleUi.js';
import { chooseOption } from './elementSelect.js';

export type SummaryCard = 'all' | 'paid' | 'failed' | 'open';
export type ReportChart = 'chart-by-day' | 'chart-declines' | 'chart-banks';

export class ReportsPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-reports-index');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('reports.title'), exact: true });
  }

  /** The menu's entry for this screen. */
  get navItem(): Locator {
    return this.page
      .getByRole('menubar', { name: this.ui.t('common.title') })
      .getByRole('menuitem', { name: this.ui.t('layout.nav.reports'), exact: true });
  }

  async open(): Promise<void> {
    await this.navItem.click();
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  /** Chooses a batch as the scope. */
  async chooseBatch(batchId: number, fileName: string): Promise<void> {
    await this.root.getByTestId('scope-batch').click();
    const select = this.root.getByRole('combobox', {
      name: this.ui.t('reports.scope.batchLabel'),
      exact: true,
    });
    // Each option names the batch, then its status.
    await chooseOption(
      select,
      literal(this.ui.t('reports.scope.batchOption', { id: batchId, file: fileName }), { prefix: true }),
    );
  }

  async chooseRange(): Promise<void> {
    await this.root.getByTestId('scope-range').click();
    await this.root.getByTestId('scope-range-picker').first().waitFor();
  }

  /** The date range as the picker shows it: its two inputs' values. */
  async rangeShown(): Promise<string[]> {
    const inputs = this.root.locator('[data-testid="scope-range-picker"] input, .range-picker input');
    return inputs.evaluateAll((elements) => elements.map((element) => (element as { value: string }).value));
  }

  summaryCard(card: SummaryCard): Locator {
    return this.root.getByTestId(`summary-${card}`);
  }

  summaryCount(card: SummaryCard): Locator {
    return this.summaryCard(card).getByTestId('summary-count');
  }

  summaryTotal(card: SummaryCard): Locator {
    return this.summaryCard(card).getByTestId('summary-total');
  }

  chart(chart: ReportChart): Locator {
    return this.root.getByTestId(chart);
  }

  /** How many pixels of a chart's canvas are drawn (not transparent): more than none means it rendered. */
  drawnPixels(chart: ReportChart): Promise<number> {
    return this.chart(chart)
      .locator('canvas')
      .first()
      .evaluate((element) => {
        const canvas = element as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
          };
        };
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let drawn = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn += 1;
        return drawn;
      });
  }

  get rows(): Locator {
    return this.root.getByTestId('report-rows').locator('.el-table__body tr');
  }

  get pager(): Locator {
    return this.root.getByTestId('report-pager');
  }

  exportButton(format: ReportFormat): Locator {
    return this.root.getByTestId(`export-${format}`);
  }

  get clearCardsSwitch(): Locator {
    return this.root.getByTestId('export-clear-cards');
  }

  get clearCardsWarning(): Locator {
    return this.root.getByTestId('export-clear-warning');
  }

  get encoding(): Locator {
    return this.root.getByRole('combobox', { name: this.ui.t('reports.export.encoding'), exact: true });
  }

  /** Exports the report; the browser's download of the file. */
  async exportAs(format: ReportFormat): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.exportButton(format).click(),
    ]);
    return download;
  }
}
