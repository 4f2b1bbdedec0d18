import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('the window where the user left it', () => {
  it('comes back at its place and size, maximised or not, on the screen it was on', () => {
    expect(placeWindow({ x: 1500, y: 40, width: 1600, height: 900, maximized: true }, [laptop, monitor])).toEqual({
      x: 1500,
      y: 40,
      width: 1600,
      height: 900,
      maximized: true,
    });
  });

  it('lets the OS place it when its screen is gone, or the saved state is not one', () => {
    // the monitor was unplugged: only the laptop remains
    expect(placeWindow({ x: 1500, y: 40, width: 1600, height: 900, maximized: false }, [laptop])).toBeNull();
    expect(placeWindow(null, [laptop])).toBeNull();
    expect(placeWindow({ x: 'a', y: 0, width: 10, height: 10 }, [laptop])).toBeNull();
    expect(placeWindow({ x: Number.NaN, y: 0, width: 1200, height: 700 }, [laptop])).toBeNull();
  });

  it('fits the screen it lands on and never goes below the minimum size', () => {
    expect(placeWindow({ x: 10, y: 10, width: 3000, height: 300, maximized: false }, [laptop])).toEqual({
      x: 10,
      y: 10,
      width: 1366,
      height: 640,
      maximized: false,
    });
  });

  it('is kept in a file; a missing or broken file reads as nothing saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-window-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(readWindowState(file)).toBeNull();
      writeWindowState(file, { x: 5, y: 6, width: 1200, height: 700, maximized: false });
      expect(placeWindow(readWindowState(file), [laptop])).toEqual({ x: 5, y: 6, width: 1200, height: 700, maximized: false });
      writeFileSync(file, '{not json');
      expect(readWindowState(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
