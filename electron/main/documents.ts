import { app, shell } from 'electron';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentType, isDocumentHash, safeFileName } from '../shared/domain/documents';

/**
 * The profile folder's documents, seen from main (it never reads the database): a stored file is
 * named by its hash; its name and type come with the request and are checked against the allow-list.
 */
export function documentFile(folder: string, hash: string, name: string): { path: string; mime: string } | null {
  const type = documentType(name);
  if (!isDocumentHash(hash) || !type) return null;
  const path = join(folder, hash);
  return existsSync(path) ? { path, mime: type.mime } : null;
}

/**
 * Opens a stored document with the system's application: a copy under its own name in a folder
 * the app controls (the OS chooses the application by the name's extension), never a path the
 * renderer made.
 */
export async function openDocument(folder: string, hash: string, name: string): Promise<string | null> {
  const file = documentFile(folder, hash, name);
  if (!file) return null;
  const dir = join(app.getPath('temp'), 'comptoir-documents', hash);
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, safeFileName(name));
  if (!existsSync(copy)) copyFileSync(file.path, copy);
  const failed = await shell.openPath(copy);
  return failed || null;
}
