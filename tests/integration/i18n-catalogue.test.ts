import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { fr } from '../../renderer/src/i18n/fr';

/**
 * The French and English catalogues (issue 15), checked in CI: every key the code names has words
 * in both, every key of the catalogues is named somewhere, and both say a text with the same
 * placeholders. A key is named by a string literal equal to it, or by a template literal whose
 * fixed start it begins with (`t(\`backups.kind.${kind}\`)` names every `backups.kind.…`).
 */
const ROOT = join(import.meta.dirname, '..', '..', 'renderer', 'src');
const CATALOGUES = join(ROOT, 'i18n');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p === CATALOGUES ? [] : sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}
const code = sources(ROOT).map((f) => readFileSync(f, 'utf8'));
// index.ts words the errors (err.<reason>, issue.<reason>, field.<name>): part of the code, not a catalogue
code.push(readFileSync(join(CATALOGUES, 'index.ts'), 'utf8'));

const literals = new Set(code.flatMap((c) => [...c.matchAll(/'([a-zA-Z][\w.-]*)'|"([a-zA-Z][\w.-]*)"/g)].map((m) => m[1] ?? m[2]!)));
/** The fixed start of each template literal that looks like a key: `dash.kpi.${…}` → `dash.kpi.` */
const prefixes = new Set(code.flatMap((c) => [...c.matchAll(/`([a-zA-Z][\w-]*\.[\w.-]*)\$\{/g)].map((m) => m[1]!)));
/** The keys the code calls t() or translate() with, written out. */
const called = new Set(code.flatMap((c) => [...c.matchAll(/\b(?:t|translate\([^,()]+,)\(?\s*'([a-zA-Z][\w.-]*)'/g)].map((m) => m[1]!)));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the French and English catalogues', () => {
  it('hold the same keys, each with words', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const empty = Object.entries({ ...fr, ...en }).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });

  it('say each text with the same placeholders in both languages', () => {
    const different = Object.keys(fr).filter((k) => placeholders(fr[k as keyof typeof fr]).join() !== placeholders(en[k as keyof typeof en]).join());
    expect(different).toEqual([]);
  });

  it('have words for every key the code calls', () => {
    const missing = [...called].filter((k) => k.includes('.') && !(k in fr));
    expect(missing).toEqual([]);
    // a key built at run time has at least one key of its kind
    const emptyPrefixes = [...prefixes].filter((p) => p.endsWith('.') && !Object.keys(fr).some((k) => k.startsWith(p)));
    expect(emptyPrefixes).toEqual([]);
  });

  it('hold no key the code never names', () => {
    const unused = Object.keys(fr).filter((k) => !literals.has(k) && ![...prefixes].some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });
});
