import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const temp = mkdtempSync(join(tmpdir(), 'comptoir-main-docs-'));
const opened: string[] = [];
vi.mock('electron', () => ({
  app: { getPath: () => join(temp, 'os-temp') },
  shell: { openPath: vi.fn((p: string) => (opened.push(p), Promise.resolve(''))) },
}));
const { documentFile, openDocument } = await import('./documents');

const folder = join(temp, 'documents');
const hash = 'a'.repeat(64);
mkdirSync(folder);
writeFileSync(join(folder, hash), '%PDF-1.4 devis');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('documents seen from main', () => {
  it('serves only a stored file named by a hash, with the type its allowed name says', () => {
    expect(documentFile(folder, hash, 'devis.pdf')).toEqual({ path: join(folder, hash), mime: 'application/pdf' });
    expect(documentFile(folder, hash, 'outil.exe')).toBeNull();
    expect(documentFile(folder, '../../etc/passwd', 'a.pdf')).toBeNull();
    expect(documentFile(folder, 'b'.repeat(64), 'a.pdf')).toBeNull();
  });

  it('opens a copy under its own (cleaned) name with the system’s application', async () => {
    expect(await openDocument(folder, hash, '../Devis 2026/12.pdf')).toBeNull();
    expect(opened).toEqual([join(temp, 'os-temp', 'comptoir-documents', hash, '_Devis 2026_12.pdf')]);
    expect(readFileSync(opened[0]!, 'utf8')).toBe('%PDF-1.4 devis');
    expect(await openDocument(folder, '../x', 'a.pdf')).toBeNull();
    expect(opened).toHaveLength(1);
  });
});
