import type { PayoutField } from '../types.js';
import { addError, requiredMissing, type IssueSink } from './issues.js';

/**
 * Han characters (all CJK Unified Ideographs blocks and extensions), optionally in parts joined by a
 * middle dot, as in minority names (阿卜杜拉·买买提). Accepted dots: · U+00B7 (the standard one),
 * ・ U+30FB and ･ U+FF65 (Japanese-layout IMEs), ‧ U+2027 (Taiwanese IMEs); a dot must sit between Han
 * characters. Spaces, Latin letters and digits are refused: the gate wants the name in Chinese.
 */
const CHINESE_NAME = /^\p{Script=Han}+(?:[\u00b7\u30fb\uff65\u2027]\p{Script=Han}+)*$/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const OTHER_DOTS = /[\u30fb\uff65\u2027]/g;

/** Checks a last_name or first_name cell; returns it with every middle dot written as U+00B7. */
export function checkChineseName(field: PayoutField, value: string, issues: IssueSink): string {
  if (value.length === 0) {
    requiredMissing(issues, field);
    return '';
  }
  if (HAN_ONLY.test(value)) return value; // the usual name, no dot to normalise
  if (!CHINESE_NAME.test(value)) {
    addError(issues, 'NAME_NOT_CHINESE', field, { value });
    return value;
  }
  return value.replace(OTHER_DOTS, '\u00b7');
}
