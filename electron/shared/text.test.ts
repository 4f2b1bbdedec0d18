import { describe, expect, it } from 'vitest';
import { foldForSearch, isPlainHttpRemote, likePattern, scrubSecret } from './text';

describe('search folding', () => {
  it('ignores case, accents and repeated spaces', () => {
    expect(foldForSearch('  Société   Générale ')).toBe('societe generale');
    expect(foldForSearch('ÉTABLISSEMENTS Guérin')).toBe('etablissements guerin');
  });

  it('searches LIKE wildcards literally', () => {
    expect(likePattern('50%_off')).toBe('%50\\%\\_off%');
  });
});

describe('an error text never carries the ERP secret', () => {
  const secret = 'p@ss wörd/"42"';
  it('cleans the secret as typed, URL-encoded, JSON-escaped and in basic credentials', () => {
    const basic = Buffer.from(`admin:${secret}`).toString('base64');
    const page = `<pre>POST /db password=${encodeURIComponent(secret)} {"password": ${JSON.stringify(secret)}} Authorization: Basic ${basic} raw ${secret}</pre>`;
    const clean = scrubSecret(page, secret, 'admin');
    expect(clean).not.toContain(secret);
    expect(clean).not.toContain(encodeURIComponent(secret));
    expect(clean).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(clean).not.toContain(basic);
    expect(clean.match(/•••/g)).toHaveLength(4);
    expect(clean).toContain('POST /db password=');
  });

  it('leaves a text alone when there is no secret', () => {
    expect(scrubSecret('HTTP 502', null)).toBe('HTTP 502');
    expect(scrubSecret('HTTP 502', '')).toBe('HTTP 502');
  });
});

describe('plain http', () => {
  it('warns for a remote host only', () => {
    expect(isPlainHttpRemote('http://erp.example.com:8000/')).toBe(true);
    expect(isPlainHttpRemote('http://192.168.1.20:8069')).toBe(true);
    expect(isPlainHttpRemote('http://127.0.0.1:8000')).toBe(false);
    expect(isPlainHttpRemote('http://localhost:8069')).toBe(false);
    expect(isPlainHttpRemote('http://[::1]:8069')).toBe(false);
    expect(isPlainHttpRemote('https://erp.example.com')).toBe(false);
  });
});
