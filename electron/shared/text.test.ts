import { describe, expect, it } from 'vitest';
import { foldForSearch, likePattern } from './text';

describe('search folding', () => {
  it('ignores case, accents and repeated spaces', () => {
    expect(foldForSearch('  Société   Générale ')).toBe('societe generale');
    expect(foldForSearch('ÉTABLISSEMENTS Guérin')).toBe('etablissements guerin');
  });

  it('searches LIKE wildcards literally', () => {
    expect(likePattern('50%_off')).toBe('%50\\%\\_off%');
  });
});
