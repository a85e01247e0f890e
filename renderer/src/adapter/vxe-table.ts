/**
 * The grid adapter: vxe-table registered once, with its words in both languages and the defaults every grid
 * of the console shares (virtual scrolling for large row counts, keyboard navigation, row height fixed so
 * 100,000 rows scroll smoothly). Screens use <vxe-grid>/<vxe-table> and take their options from here.
 *
 * vxe-table's z-index helper would inject a <style> element, which the console's CSP refuses; its CSS
 * variables are defined in styles/index.css instead.
 */
import type { App } from 'vue';
import VxeTable, { VxeUI } from 'vxe-table';
import 'vxe-table/lib/style.css';
import vxeEnUS from 'vxe-table/lib/locale/lang/en-US';
import vxeZhCN from 'vxe-table/lib/locale/lang/zh-CN';

VxeUI.setI18n('zh-CN', vxeZhCN);
VxeUI.setI18n('en-US', vxeEnUS);

VxeUI.setConfig({
  table: {
    border: true,
    stripe: true,
    // A cell too narrow for its text ends in … and shows the whole text on hover (the browser's own title:
    // vxe's tooltip component lives in another package).
    showOverflow: 'title',
    showHeaderOverflow: 'title',
    keyboardConfig: { isArrow: true, isTab: true },
    rowConfig: { isHover: true, isCurrent: true, height: 36 },
    scrollY: { enabled: true, gt: 60 },
    scrollX: { enabled: true, gt: 20 },
  },
});

export function installGrid(app: App): void {
  app.use(VxeTable);
}

export function setGridLanguage(lang: 'zh-CN' | 'en'): void {
  VxeUI.setLanguage(lang === 'zh-CN' ? 'zh-CN' : 'en-US');
}
