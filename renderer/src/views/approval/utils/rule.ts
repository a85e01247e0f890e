/** The reject dialog's rule: a reason is required (the importer reads it), within what the console keeps. */
import type { FormItemRule } from 'element-plus';

/** The longest reason the console keeps (the application layer's limit). */
export const MAX_REJECT_REASON = 500;
/** The longest approval comment the console keeps. */
export const MAX_APPROVAL_COMMENT = 4096;

export function rejectReasonRules(
  t: (key: string, named?: Record<string, unknown>) => string,
): FormItemRule[] {
  return [
    {
      trigger: ['blur', 'change'],
      validator: (_rule, value: unknown, done) => {
        const text = typeof value === 'string' ? value.trim() : '';
        if (!text) done(new Error(t('approval.reasonRequired')));
        else if (text.length > MAX_REJECT_REASON)
          done(new Error(t('approval.reasonTooLong', { max: MAX_REJECT_REASON })));
        else done();
      },
    },
  ];
}
