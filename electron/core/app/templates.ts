/**
 * The payout and refund file templates the console ships (resources/templates), for a screen to offer as downloads. Read
 * from the console's own resources folder on every call: they are small, and nobody signs in to get them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Operations } from '../../contract/operations.js';
import type { BatchKind, FileTemplate, Lang } from '../../contract/records.js';
import { query, type Operation } from './operation.js';

const BOM = '\uFEFF';

/** The shipped templates: payout files and refund files, one per language. */
const TEMPLATE_FILES: ReadonlyArray<{ kind: BatchKind; lang: Lang; file_name: string }> = [
  { kind: 'payout', lang: 'en', file_name: 'payouts-template-en.csv' },
  { kind: 'payout', lang: 'zh-CN', file_name: 'payouts-template-zh-CN.csv' },
  { kind: 'refund', lang: 'en', file_name: 'refunds-template-en.csv' },
  { kind: 'refund', lang: 'zh-CN', file_name: 'refunds-template-zh-CN.csv' },
];

/** A template's text, a BOM first: the mark that makes Excel open it as UTF-8. */
async function templateText(resourcesDir: string, fileName: string): Promise<string> {
  // TextDecoder would drop the file's own BOM; ignoreBOM keeps it in the text.
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
    await readFile(join(resourcesDir, 'templates', fileName)),
  );
  return text.startsWith(BOM) ? text : BOM + text;
}

export const templateHandlers = {
  fileTemplates: query({
    audience: 'public',
    input: () => undefined,
    async run(ctx): Promise<FileTemplate[]> {
      return Promise.all(
        TEMPLATE_FILES.map(async ({ kind, lang, file_name }) => ({
          kind,
          lang,
          file_name,
          content: await templateText(ctx.resourcesDir, file_name),
        })),
      );
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
