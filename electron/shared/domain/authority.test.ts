import { describe, expect, it } from 'vitest';
import { alertIsFor } from './authority';

describe('a notice for the person at this desk', () => {
  const finance = { roles: ['finance'] as const, currentUserId: 3 };
  it('is for their role, or for them by name', () => {
    expect(alertIsFor({ role: 'finance' }, finance)).toBe(true);
    expect(alertIsFor({ role: 'purchasing' }, finance)).toBe(false);
    expect(alertIsFor({ userId: 3 }, finance)).toBe(true);
    expect(alertIsFor({ userId: 4 }, finance)).toBe(false);
    // both named: both must hold
    expect(alertIsFor({ role: 'finance', userId: 4 }, finance)).toBe(false);
    // named for nobody: everyone's
    expect(alertIsFor({}, finance)).toBe(true);
  });
});
