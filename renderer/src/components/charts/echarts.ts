/**
 * ECharts as the console uses it: only the bar chart, its axes, tooltips and legend, drawn on a canvas. Taking
 * the pieces from 'echarts/core' keeps the rest of the library out of the bundle.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** What a chart of the console may be made of. */
export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export type { BarSeriesOption, ECharts };
export { init };
