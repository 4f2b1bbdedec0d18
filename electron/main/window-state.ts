import { readFileSync, writeFileSync } from 'node:fs';

/** Where and how big a window was when it closed (DESIGN §2.10: the window comes back where the user left it). */
export type WindowState = { x: number; y: number; width: number; height: number; maximized: boolean };
type Rect = { x: number; y: number; width: number; height: number };

export const DEFAULT_SIZE = { width: 1440, height: 900 };
const MIN = { width: 1024, height: 640 };

/** The saved state if it is one and still lands on a screen (a monitor unplugged since), else null: the OS places the window. */
export function placeWindow(saved: unknown, workAreas: readonly Rect[]): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const s = saved as Record<string, unknown>;
  const nums = ['x', 'y', 'width', 'height'].map((k) => s[k]);
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, w, h] = nums as number[];
  for (const a of workAreas) {
    // at least 100 × 50 px of its title bar on this screen
    const overlapX = Math.min(x! + w!, a.x + a.width) - Math.max(x!, a.x);
    const overlapY = Math.min(y! + 50, a.y + a.height) - Math.max(y!, a.y);
    if (overlapX >= 100 && overlapY >= 25) {
      const width = Math.round(Math.min(Math.max(w!, MIN.width), a.width));
      const height = Math.round(Math.min(Math.max(h!, MIN.height), a.height));
      return { x: Math.round(x!), y: Math.round(y!), width, height, maximized: s.maximized === true };
    }
  }
  return null;
}

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // a window that cannot remember its place still opens next time, where the OS puts it
  }
}
