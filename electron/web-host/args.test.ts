import { describe, expect, it } from 'vitest';
import { parseHostArgs } from './args';

describe('web host arguments', () => {
  it('defaults to port 4780 and the default demo', () => {
    expect(parseHostArgs([])).toEqual({ port: 4780, dbPath: null, demo: 'default', rendererDir: null, erpConfig: null, now: null });
  });

  it('reads --port, --db and --demo, with or without =', () => {
    expect(parseHostArgs(['--port', '0', '--db=/tmp/x.sqlite', '--demo', 'small'])).toMatchObject({
      port: 0,
      dbPath: '/tmp/x.sqlite',
      demo: 'small',
    });
    expect(parseHostArgs(['--erp', 'erp.json']).erpConfig).toBe('erp.json');
    expect(parseHostArgs(['--now', '2028-02-29T10:00:00Z']).now).toBe('2028-02-29T10:00:00.000Z');
  });

  it('says what is wrong with a bad option', () => {
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow('--port must be a number from 0 to 65535, got "abc"');
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseHostArgs(['--demo', 'huge'])).toThrow('--demo must be one of small, default, large, none, got "huge"');
    expect(() => parseHostArgs(['--db'])).toThrow('--db needs a value');
    expect(() => parseHostArgs(['--host', '0.0.0.0'])).toThrow(/unknown option --host/);
    expect(() => parseHostArgs(['--now', '30/11/2026'])).toThrow('--now must be an instant in UTC such as 2026-11-30T10:00:00Z, got "30/11/2026"');
    expect(() => parseHostArgs(['--now', '2026-02-30T10:00:00+01:00'])).toThrow(/--now/);
  });
});
