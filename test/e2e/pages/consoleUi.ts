/**
 * What every page model shares: the Playwright page and the language the console shows now (the layout's
 * language switch changes it), so each model finds its controls by the names a person reads.
 */
import type { Page } from 'playwright-core';
import { message, type Lang } from './messages.js';

export class ConsoleUi {
  constructor(
    readonly page: Page,
    public lang: Lang,
  ) {}

  /** A message of the renderer's message files in the current language (see messages.ts). */
  t(key: string, values: Record<string, string | number> = {}, count?: number): string {
    return message(this.lang, key, values, count);
  }
}

/** A pattern matching `text` exactly, or (with `prefix`) anything starting with it. */
export function literal(text: string, { prefix = false } = {}): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(prefix ? `^${escaped}` : `^${escaped}$`);
}
