import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';

/** Core sends reasons, the renderer words them: a reason without words would reach the user as a bare « Saisie refusée ». */
describe('the words of core refusals', () => {
  it('has words, in both languages, for every reason core and the contract send', () => {
    const sources = ['electron/core', 'electron/shared/contract', 'electron/shared', 'electron/connector']
      .flatMap((dir) =>
        readdirSync(dir)
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
          .map((f) => join(dir, f)),
      )
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const literal = [...sources.matchAll(/reason: '([\w.]+)'/g)].map((m) => m[1]!);
    const templated = [...sources.matchAll(/reason: `([\w.]+)\.\$\{/g)].map((m) => m[1]!);
    // the hub's refusals reach the desk's user too (its per-change reasons bare, worded as hub.<reason>)
    const hub = readdirSync('electron/hub')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(join('electron/hub', f), 'utf8'))
      .join('\n');
    literal.push(...[...hub.matchAll(/reason: '([\w.]+)'/g)].map((m) => (m[1]!.includes('.') ? m[1]! : `hub.${m[1]!}`)));
    expect(literal.length).toBeGreaterThan(20);
    for (const reason of literal) {
      // a refusal (err.), a field's problem (issue.), or a reason the hub writes on a row it makes (reason.)
      const known = `err.${reason}` in fr || `issue.${reason}` in fr || `reason.${reason}` in fr;
      expect(known, reason).toBe(true);
    }
    for (const prefix of templated) {
      expect(
        Object.keys(fr).some((k) => k.startsWith(`err.${prefix}.`) || k.startsWith(`issue.${prefix}.`)),
        prefix,
      ).toBe(true);
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});
