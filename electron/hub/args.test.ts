import { describe, expect, it } from 'vitest';
import { parseHubArgs } from './args';

describe('hub arguments', () => {
  it('reads the database, address, TLS and first admin', () => {
    expect(
      parseHubArgs([
        '--pg',
        'postgres://u@db:5432/hub',
        '--port=4900',
        '--host',
        '0.0.0.0',
        '--tls-cert',
        'c.pem',
        '--tls-key',
        'k.pem',
        '--admin',
        'boss',
      ]),
    ).toEqual({
      pg: 'postgres://u@db:5432/hub',
      host: '0.0.0.0',
      port: 4900,
      tlsCert: 'c.pem',
      tlsKey: 'k.pem',
      admin: 'boss',
      dir: null,
      restored: false,
    });
    // after a restore from a backup: a new epoch at start
    expect(parseHubArgs(['--pg', 'postgres://u@db/hub', '--restored'])).toMatchObject({ restored: true });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseHubArgs(['--pg', 'mysql://x'])).toThrow(/PostgreSQL URL/);
    expect(() => parseHubArgs(['--port', '99999'])).toThrow(/--port must be a number/);
    expect(() => parseHubArgs(['--tls-cert', 'c.pem'])).toThrow(/go together/);
    expect(() => parseHubArgs(['--admin', 'Le Patron'])).toThrow(/--admin must be a login/);
    expect(() => parseHubArgs(['--verbose'])).toThrow(/unknown option --verbose/);
    expect(() => parseHubArgs(['--pg'])).toThrow(/--pg needs a value/);
  });
});
