/**
 * The window's size and place, remembered between starts: a small JSON file in the app's userData folder,
 * read when the window opens and written when it closes. A remembered place that no screen shows any more
 * (a monitor unplugged) is dropped, so the window never opens out of sight.
 *
 * Nothing here imports 'electron': index.ts passes the screens' work areas in.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 };
/** How much of the title bar must lie on a screen for the remembered place to be kept. */
const VISIBLE_TITLE_BAR = { width: 120, height: 32 };

/** A remembered state from the file's text; null when it is not one (a damaged or foreign file). */
export function parseWindowState(text: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (raw === null || typeof raw !== 'object') return null;
  const { x, y, width, height, maximized } = raw as Record<string, unknown>;
  const whole = (value: unknown): value is number => Number.isSafeInteger(value);
  if (!whole(width) || !whole(height) || width <= 0 || height <= 0) return null;
  const placed = whole(x) && whole(y);
  return { ...(placed ? { x, y } : {}), width, height, maximized: maximized === true };
}

/**
 * Where the window opens: the remembered state fitted to today's screens (no smaller than the minimum, no
 * larger than the biggest screen), its place kept only when its title bar is on a screen.
 */
export function placeWindow(saved: WindowState | null, workAreas: Rectangle[]): WindowState {
  const state = saved ?? DEFAULT_WINDOW_STATE;
  const largest = workAreas.reduce(
    (max, area) => ({ width: Math.max(max.width, area.width), height: Math.max(max.height, area.height) }),
    { width: 0, height: 0 },
  );
  const fit = (wanted: number, min: number, max: number) =>
    Math.max(min, max > 0 ? Math.min(wanted, max) : wanted);
  const width = fit(state.width, MIN_WINDOW_SIZE.width, largest.width);
  const height = fit(state.height, MIN_WINDOW_SIZE.height, largest.height);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar = {
    x: state.x,
    y: state.y,
    width: Math.min(width, VISIBLE_TITLE_BAR.width),
    height: VISIBLE_TITLE_BAR.height,
  };
  return workAreas.some((area) => contains(area, titleBar)) ? { ...fitted, x: state.x, y: state.y } : fitted;
}

function contains(outer: Rectangle, inner: Rectangle): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The remembered state, or null when there is none (first start) or it cannot be read. */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Remembers the state; a failure to write costs only the remembered place, never the app's exit. */
export function writeWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written beside it, then renamed: a crash mid-write never leaves half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state)}\n`);
    renameSync(temporary, file);
  } catch {
    // Nothing to do: the next start opens with the default size.
  }
}
