/** Lower case without accents, for search columns and search terms: "Société Générale" → "societe generale". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so a user's `%` or `_` is searched literally (with ESCAPE '\'). */
export function likePattern(term: string): string {
  return `%${foldForSearch(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The path of a request to a folder of files, as a relative path with `/` that cannot leave the
 * folder (`..` and `.` folded at its root, `\` taken as `/`), `index.html` for the folder itself;
 * null when its percent-encoding is malformed (`%E0%A4%A`): the caller answers 400.
 */
export function requestPathInside(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const parts: string[] = [];
  for (const part of decoded.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length ? parts.join('/') : 'index.html';
}
