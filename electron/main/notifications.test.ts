import { type EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown: (EventEmitter & { options: unknown; show: ReturnType<typeof vi.fn> })[] = [];
const win = { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn(), webContents: { send: vi.fn() } };
let supported = true;
vi.mock('electron', async () => {
  const events = await import('node:events');
  class Notification extends events.EventEmitter {
    static isSupported = () => supported;
    show = vi.fn();
    constructor(public options: unknown) {
      super();
      shown.push(this);
    }
  }
  return { Notification };
});

const { showNotice } = await import('./notifications');
const target = () => win as never;

describe('reminders as OS notifications', () => {
  beforeEach(() => {
    shown.length = 0;
    supported = true;
    vi.clearAllMocks();
  });

  it('shows the reminder; a click brings the window back and opens its deal', () => {
    showNotice({ title: 'Relancer le devis', body: 'OPP-2026-000004 · Marchand', opportunityId: 4 }, target);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toMatchObject({ title: 'Relancer le devis', body: 'OPP-2026-000004 · Marchand' });
    expect(shown[0]!.show).toHaveBeenCalled();
    shown[0]!.emit('click');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('comptoir:open-deal', 4);
  });

  it('a reminder without a deal only brings the window back; an OS without notifications shows nothing', () => {
    showNotice({ title: 'Préparer la réunion', body: '', opportunityId: null }, target);
    shown[0]!.emit('click');
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).not.toHaveBeenCalled();
    supported = false;
    expect(showNotice({ title: 'x', body: '', opportunityId: 1 }, target)).toBeNull();
    expect(shown).toHaveLength(1);
  });
});
