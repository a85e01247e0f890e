import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  writeWindowState,
} from '../../electron/main/windowState.js';

/** The desktop window's size and place, remembered in userData between starts (electron/main/windowState.ts). */

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1040 };
const SECOND_SCREEN = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cup-window-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is written on close and read back at the next start', () => {
    const file = join(dir, 'userData', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1400 });
  });

  it('ignores a damaged or foreign file', () => {
    const file = join(dir, 'window-state.json');
    for (const text of [
      '',
      '{',
      'null',
      '[]',
      '{"width":"wide","height":800}',
      '{"width":-5,"height":800}',
    ]) {
      writeFileSync(file, text);
      expect(readWindowState(file), text).toBeNull();
    }
    expect(parseWindowState('{"width":1300.5,"height":800}')).toBeNull();
    // A place without both coordinates is no place: the system centres the window.
    expect(parseWindowState('{"x":10,"width":1300,"height":800}')).toEqual({
      width: 1300,
      height: 800,
      maximized: false,
    });
  });

  it('opens at the default size the first time', () => {
    expect(placeWindow(null, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a remembered place that a screen still shows', () => {
    const saved = { x: 2100, y: 50, width: 1600, height: 1000, maximized: false };
    expect(placeWindow(saved, [LAPTOP, SECOND_SCREEN])).toEqual(saved);
  });

  it('drops a place no screen shows any more (the second screen unplugged), keeping the size', () => {
    const saved = { x: 2100, y: 50, width: 1600, height: 1000, maximized: true };
    expect(placeWindow(saved, [LAPTOP])).toEqual({ width: 1600, height: 1000, maximized: true });
    // Title bar above the top of the screen: it could not be dragged back.
    expect(placeWindow({ ...saved, x: 100, y: -200 }, [LAPTOP])).not.toHaveProperty('x');
  });

  it('fits the size between the minimum and the largest screen', () => {
    expect(placeWindow({ width: 200, height: 100, maximized: false }, [LAPTOP])).toEqual({
      ...MIN_WINDOW_SIZE,
      maximized: false,
    });
    expect(placeWindow({ width: 5000, height: 3000, maximized: false }, [LAPTOP])).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
  });
});
