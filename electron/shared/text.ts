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
 * The words of a search, each as a LIKE pattern: a row matches when it holds every one of them, in
 * any order (« plaque ba13 » finds « Plaque de plâtre BA13 »). At most eight words count.
 */
export function likeWords(term: string): string[] {
  return [...new Set(foldForSearch(term).split(' ').filter(Boolean))].slice(0, 8).map(likePattern);
}

/** The SQL that holds every word: `match(placeholder)` for each, joined by AND (`TRUE` without words). */
export function allWordsSql(words: string[], match: (placeholder: string) => string, placeholder: (i: number) => string = () => '?'): string {
  return words.length ? words.map((_, i) => `(${match(placeholder(i))})`).join(' AND ') : '1';
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

/**
 * An error text cleaned of a secret before it is stored, logged or sent (DESIGN.md §10): the
 * secret as typed, URL-encoded, JSON-escaped, and in base64 alone or as HTTP basic credentials
 * (`login:secret`), the ways an ERP error page may echo a request.
 */
export function scrubSecret(text: string, secret: string | null | undefined, login?: string): string {
  if (!secret) return text;
  const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), b64(secret)]);
  if (login) forms.add(b64(`${login}:${secret}`));
  let out = text;
  // longest first: a form inside another is not left half cleaned
  for (const f of [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length)) out = out.split(f).join('•••');
  return out;
}

/** True for an address that sends the secret in clear over a network: plain http to a host that is not this machine. */
export function isPlainHttpRemote(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1');
}
