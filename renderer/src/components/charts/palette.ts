/**
 * Chart colours taken from Element Plus's own colour variables, so a bar has the colour of the state's tag
 * (paid green, declined red, …). Several states share a tag colour; their bars use lighter or darker shades
 * of it so that a stacked bar still tells them apart.
 */
import type { TagType } from '../../views/batches/utils/status';
import { payoutStateTag } from '../../views/batches/utils/status';

/** Element Plus's default colours, for a page whose variables cannot be read (tests, a missing stylesheet). */
const FALLBACK: Record<TagType, string> = {
  primary: '#409eff',
  success: '#67c23a',
  warning: '#e6a23c',
  danger: '#f56c6c',
  info: '#909399',
};

export type Shade = '' | 'light-3' | 'light-5' | 'dark-2';

/** Which shade of its tag colour each state's bars take (a state not named here: the tag colour itself). */
const STATE_SHADES: Record<string, Shade> = {
  draft: 'light-3',
  queued: 'light-5',
  sending: 'light-3',
  unknown: 'light-3',
  needs_attention: 'dark-2',
  error: 'dark-2',
  rejected: 'light-3',
  reversed: 'dark-2',
};

/** Reads a CSS variable of the page; '' when there is none. */
export type CssVariableReader = (name: string) => string;

export function pageVariables(): CssVariableReader {
  if (typeof document === 'undefined') return () => '';
  const style = getComputedStyle(document.documentElement);
  return (name) => style.getPropertyValue(name).trim();
}

/** The colour of an Element Plus tag type, in a shade. */
export function tagColour(type: TagType, shade: Shade, read: CssVariableReader): string {
  const name = `--el-color-${type}${shade ? `-${shade}` : ''}`;
  return read(name) || read(`--el-color-${type}`) || FALLBACK[type];
}

/** The colour of a payout state's bars: its tag's colour, in the state's shade. */
export function stateColour(state: string, read: CssVariableReader): string {
  return tagColour(payoutStateTag(state), STATE_SHADES[state] ?? '', read);
}
