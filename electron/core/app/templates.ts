/**
 * The payout file templates the console ships (resources/templates), for a screen to offer as downloads. Read
 * from the console's own resources folder on every call: they are small, and nobody signs in to get them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Operations } from '../../contract/operations.js';
import type { FileTemplate, Lang } from '../../contract/records.js';
import { query, type Operation } from './operation.js';

const BOM = '\uFEFF';

/** The shipped templates, one per language. */
const TEMPLATE_FILES: ReadonlyArray<{ lang: Lang; file_name: string }> = [
  { lang: 'en', file_name: 'payouts-template-en.csv' },
  { lang: 'zh-CN', file_name: 'payouts-template-zh-CN.csv' },
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
        TEMPLATE_FILES.map(async ({ lang, file_name }) => ({
          lang,
          file_name,
          content: await templateText(ctx.resourcesDir, file_name),
        })),
      );
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
