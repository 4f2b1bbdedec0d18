import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hubClient } from '../../electron/connector/hub-client';
import { FREE_FAILURES } from '../../electron/hub/auth';
import { openPool } from '../../electron/hub/db';
import { migrate, readMigrations } from '../../electron/hub/migrate';
import { startHub } from '../../electron/hub/server';
import { DESK_PASSWORD, mutation, newId, startTestHub, type TestHub } from './fixtures/hub';
import { NOW } from './helpers';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub(NOW);
});
afterAll(() => t.close());

const anon = () => hubClient(t.hub.url);
const desk = (name = 'desk') => ({ id: newId(), name });

describe("the hub's schema", () => {
  const columns = async (url: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    await c.end();
    return r.rows as unknown[];
  };

  it('migrates from empty and from every earlier version to the same schema, forward only', async () => {
    const reference = await columns(t.url);
    const all = readMigrations();
    expect(all.length).toBeGreaterThan(0);
    for (let from = 0; from < all.length; from++) {
      const url = await t.pg.database(`hub_from_${from}`);
      const pool = openPool(url);
      if (from > 0) expect(await migrate(pool, { upTo: all[from - 1]!.version })).toHaveLength(from);
      expect(await migrate(pool)).toHaveLength(all.length - from);
      expect(await migrate(pool)).toEqual([]);
      expect(await columns(url)).toEqual(reference);
      await pool.end();
    }
  });

  it('two hubs starting together on an empty database migrate it once', async () => {
    const url = await t.pg.database('hub_race');
    const [a, b] = [openPool(url), openPool(url)];
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    expect([...ra, ...rb].sort()).toEqual(readMigrations().map((m) => m.name));
    await Promise.all([a.end(), b.end()]);
  });
});

describe('users and sessions', () => {
  it('logs in with the password, refuses a wrong one or an unknown login alike, and slows down after repeated failures', async () => {
    const { password } = await t.person('lea', ['trader']);
    const bad = { code: 'unauthorized', details: { reason: 'hub.badCredentials' } };
    await expect(anon().call('hub.login', { login: 'lea', password: 'wrong', desk: desk() })).rejects.toMatchObject(bad);
    await expect(anon().call('hub.login', { login: 'nobody', password: 'wrong', desk: desk() })).rejects.toMatchObject(bad);
    for (let i = 1; i < FREE_FAILURES; i++)
      await expect(anon().call('hub.login', { login: 'lea', password: 'wrong', desk: desk() })).rejects.toMatchObject(bad);
    // the next attempt waits, even with the right password
    await expect(anon().call('hub.login', { login: 'lea', password, desk: desk() })).rejects.toMatchObject({
      code: 'unauthorized',
      details: { reason: 'hub.tooManyAttempts', retryAfter: 1 },
    });
    t.clock.advance(1_500);
    const s = await anon().call('hub.login', { login: 'lea', password, desk: desk() });
    expect(s.user).toMatchObject({ login: 'lea', roles: ['trader'], mustChangePassword: true });
    // a success forgets the failures
    await expect(anon().call('hub.login', { login: 'lea', password: 'wrong', desk: desk() })).rejects.toMatchObject(bad);
    expect((await anon().call('hub.login', { login: 'lea', password, desk: desk() })).user.login).toBe('lea');
  });

  it('keeps only salted scrypt hashes and token digests', async () => {
    await t.person('hash.check', ['trader']);
    const [u] = (await t.pool.query(`SELECT password_hash FROM users WHERE login = 'hash.check'`)).rows as { password_hash: string }[];
    expect(u!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    const hashes = (await t.pool.query(`SELECT password_hash FROM users`)).rows.map((r: { password_hash: string }) => r.password_hash.split('$')[4]);
    expect(new Set(hashes).size).toBe(hashes.length);
    const tokens = (await t.pool.query('SELECT token_hash FROM sessions')).rows.map((r: { token_hash: string }) => r.token_hash);
    expect(tokens.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  });

  it('a session ends when it expires, when it is revoked, at logout, and when its user is disabled', async () => {
    const a = await t.person('sam', ['trader']);
    expect((await a.client.call('hub.me', {})).user.login).toBe('sam');
    t.clock.advance(31 * 86_400_000);
    await expect(a.client.call('hub.me', {})).rejects.toMatchObject({ code: 'unauthorized', details: { reason: 'hub.expired' } });
    // back to the suite's day: the other sessions of this suite are younger than that
    t.clock.advance(-31 * 86_400_000);
    const again = await anon().call('hub.login', { login: 'sam', password: a.password, desk: desk() });
    const client = anon().withToken(again.token);
    // both of sam's sessions, the expired one included
    expect(await t.admin.call('sessions.revoke', { userId: a.userId })).toEqual({ revoked: 2 });
    await expect(client.call('hub.me', {})).rejects.toMatchObject({ details: { reason: 'hub.revoked' } });
    const third = anon().withToken((await anon().call('hub.login', { login: 'sam', password: a.password, desk: desk() })).token);
    await third.call('hub.logout', {});
    await expect(third.call('hub.me', {})).rejects.toMatchObject({ details: { reason: 'hub.revoked' } });
    const fourth = anon().withToken((await anon().call('hub.login', { login: 'sam', password: a.password, desk: desk() })).token);
    await t.admin.call('users.update', { id: a.userId, active: false });
    await expect(fourth.call('hub.me', {})).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(anon().call('hub.login', { login: 'sam', password: a.password, desk: desk() })).rejects.toMatchObject({
      details: { reason: 'hub.disabled' },
    });
  });

  it('only admins manage users; logins are unique; the team keeps an admin', async () => {
    const trader = await t.person('tom', ['trader']);
    await expect(trader.client.call('users.create', { login: 'x1', name: 'X', roles: ['manager'] })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'hub.adminOnly' },
    });
    await expect(t.admin.call('users.create', { login: 'tom', name: 'Autre Tom', roles: ['trader'] })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'hub.loginTaken' },
    });
    await expect(t.admin.call('users.create', { login: 'Bad Login!', name: 'X', roles: ['trader'] })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const me = await t.admin.call('hub.me', {});
    await expect(t.admin.call('users.update', { id: me.user.id, roles: ['manager'] })).rejects.toMatchObject({
      details: { reason: 'hub.lastAdmin' },
    });
    const updated = await t.admin.call('users.update', { id: trader.userId, roles: ['trader', 'purchasing'], name: 'Tom Buyer' });
    expect(updated).toMatchObject({ roles: ['trader', 'purchasing'], name: 'Tom Buyer' });
    const { oneTimePassword } = await t.admin.call('users.resetPassword', { id: trader.userId });
    await expect(trader.client.call('hub.me', {})).rejects.toMatchObject({ details: { reason: 'hub.revoked' } });
    expect((await anon().call('hub.login', { login: 'tom', password: oneTimePassword, desk: desk() })).user.mustChangePassword).toBe(true);
  });

  it('answers a request without a session, with a malformed body or of unknown method with a typed error', async () => {
    await expect(anon().call('hub.pull', { cursor: null })).rejects.toMatchObject({ code: 'unauthorized', details: { reason: 'hub.noSession' } });
    const raw = await fetch(`${t.hub.url}/rpc/hub.login`, { method: 'POST', body: '{not json' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ ok: false, error: { details: { reason: 'hub.notJson' } } });
    const unknown = await fetch(`${t.hub.url}/rpc/hub.dropEverything`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    const big = await fetch(`${t.hub.url}/rpc/hub.login`, { method: 'POST', body: 'x'.repeat(9 * 1024 * 1024) }).catch((e: Error) => e);
    if (!(big instanceof Error)) expect(big.status).toBe(400);
    expect((await fetch(`${t.hub.url}/health`)).status).toBe(200);
  });
});

describe('push and pull', () => {
  it('applies in order, answers a replay from its record, refuses a gap before applying anything', async () => {
    const a = await t.person('pp.a', ['trader']);
    const id = newId();
    const first = await a.client.call('hub.push', {
      mutations: [
        mutation(1, {
          table: 'stages',
          id,
          fields: { code: 'X1', name: 'Essai', position: 9, probability: 10, kind: 'open', stagnationDays: null, active: 1 },
        }),
        mutation(2, { table: 'stages', id, op: 'update', baseVersion: 1, fields: { name: 'Essai 2' }, old: { name: 'Essai' } }),
      ],
    });
    expect(first).toEqual({
      lastNumber: 2,
      results: [expect.objectContaining({ status: 'applied' }), expect.objectContaining({ status: 'applied' })],
    });
    const changes = async () => Number((await t.pool.query('SELECT count(*) AS n FROM changes')).rows[0].n);
    const before = await changes();
    const replay = await a.client.call('hub.push', {
      mutations: [mutation(2, { table: 'stages', id, op: 'update', baseVersion: 1, fields: { name: 'Essai 2' }, old: { name: 'Essai' } })],
    });
    expect(replay.results).toEqual([{ number: 2, status: 'duplicate', reason: null }]);
    // another change under a number already used is no replay: the desk lost its count, nothing is applied
    await expect(
      a.client.call('hub.push', { mutations: [mutation(2, { table: 'stages', id: newId(), fields: { name: 'autre' } })] }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'hub.numberReused', number: 2, expected: 3 } });
    await expect(
      a.client.call('hub.push', {
        mutations: [mutation(4, { table: 'stages', id, op: 'update', baseVersion: 2, fields: { name: 'Trop tôt' }, old: {} })],
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'hub.gap', expected: 3, got: 4 } });
    await expect(
      a.client.call('hub.push', {
        mutations: [mutation(3, { table: 'stages', id, op: 'delete' }), mutation(5, { table: 'stages', id, op: 'delete' })],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { reason: 'hub.notConsecutive' } });
    expect(await changes()).toBe(before);
    const row = (await t.pool.query('SELECT version, data FROM team_rows WHERE row_id = $1', [id])).rows[0];
    expect(row).toMatchObject({ version: 2, data: { name: 'Essai 2', code: 'X1' } });
  });

  it('a rejected mutation is processed with its reason, sends the hub row back, and never blocks the next', async () => {
    const a = await t.person('pp.b', ['trader']);
    const other = await t.person('pp.c', ['trader']);
    const taken = newId();
    await other.client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: taken, fields: { code: 'T', name: 'Pris' } })] });
    const good = newId();
    const r = await a.client.call('hub.push', {
      mutations: [
        mutation(1, { table: 'no_such_table', id: newId(), fields: { x: 1 } }),
        mutation(2, { table: 'stages', id: newId(), fields: { nope: 1 } }),
        mutation(3, { table: 'stages', id: newId(), fields: { position: 'high' } }),
        mutation(4, { table: 'stages', id: taken, fields: { code: 'MINE', name: 'À moi' } }),
        mutation(5, { table: 'stages', id: newId(), op: 'update', fields: { name: 'fantôme' } }),
        mutation(6, { table: 'stages', id: good, fields: { code: 'G', name: 'Bon' } }),
      ],
    });
    expect(r.results.map((x) => [x.status, x.reason])).toEqual([
      ['rejected', 'hub.unknownTable: no_such_table'],
      ['rejected', 'hub.unknownField: stages.nope'],
      ['rejected', 'hub.badValue: stages.position'],
      ['rejected', 'hub.idTaken'],
      ['rejected', 'hub.unknownRow'],
      ['applied', null],
    ]);
    expect((await t.pool.query('SELECT data FROM team_rows WHERE row_id = $1', [taken])).rows[0].data).toMatchObject({ name: 'Pris' });
    const p = await a.client.call('hub.pull', { cursor: null, limit: 5000, since: 0 });
    expect(p.acked).toBe(6);
    expect(p.rejected.map((x) => x.number)).toEqual([1, 2, 3, 4, 5]);
    // the refused insert over another desk's row comes back as that row
    expect(p.changes.filter((c) => c.id === taken).at(-1)).toMatchObject({ data: { name: 'Pris' }, deleted: false });
    expect((await a.client.call('hub.pull', { cursor: null, limit: 5000, since: 5 })).rejected).toEqual([]);
  });

  it('merges different fields edited at two desks; the same money field edited at both is a conflict for both', async () => {
    const a = await t.person('merge.a', ['trader']);
    const b = await t.person('merge.b', ['trader']);
    const line = newId();
    await a.client.call('hub.push', {
      mutations: [mutation(1, { table: 'opportunity_lines', id: line, fields: { qty: 1000, unitPrice: 50_000, discount: 0, note: '' } })],
    });
    // both edited from version 1, offline
    const ra = await a.client.call('hub.push', {
      mutations: [
        mutation(2, {
          table: 'opportunity_lines',
          id: line,
          op: 'update',
          baseVersion: 1,
          fields: { unitPrice: 48_000, note: 'remise volume' },
          old: { unitPrice: 50_000, note: '' },
        }),
      ],
    });
    const rb = await b.client.call('hub.push', {
      mutations: [
        mutation(1, {
          table: 'opportunity_lines',
          id: line,
          op: 'update',
          baseVersion: 1,
          fields: { unitPrice: 47_000, qty: 2000 },
          old: { unitPrice: 50_000, qty: 1000 },
        }),
      ],
    });
    expect([ra.results[0]!.status, rb.results[0]!.status]).toEqual(['applied', 'applied']);
    const row = (await t.pool.query('SELECT version, data FROM team_rows WHERE row_id = $1', [line])).rows[0];
    // a's price stands (first in hub order), b's quantity and a's note are both kept
    expect(row.data).toMatchObject({ unitPrice: 48_000, qty: 2000, note: 'remise volume' });
    const conflicts = (await t.pool.query('SELECT field, hub_value, desk_value FROM conflicts WHERE row_id = $1', [line])).rows;
    expect(conflicts).toEqual([{ field: 'unitPrice', hub_value: 48_000, desk_value: 47_000 }]);
    for (const who of [a, b]) {
      const feed = await who.client.call('hub.pull', { cursor: null, limit: 5000, since: 0 });
      expect(feed.changes.filter((c) => c.table === 'team_conflicts' && c.data.rowId === line)).toHaveLength(1);
    }
    // an edit based on the current version is no conflict
    const rc = await b.client.call('hub.push', {
      mutations: [
        mutation(2, {
          table: 'opportunity_lines',
          id: line,
          op: 'update',
          baseVersion: row.version,
          fields: { unitPrice: 47_500 },
          old: { unitPrice: 48_000 },
        }),
      ],
    });
    expect(rc.results[0]!.status).toBe('applied');
    expect((await t.pool.query('SELECT count(*)::int AS n FROM conflicts WHERE row_id = $1', [line])).rows[0].n).toBe(1);
  });

  it('a revoked session pushes nothing; a session without a desk cannot push', async () => {
    const a = await t.person('rv.a', ['trader']);
    await t.admin.call('sessions.revoke', { userId: a.userId });
    await expect(
      a.client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: newId(), fields: { code: 'R' } })] }),
    ).rejects.toMatchObject({
      code: 'unauthorized',
      details: { reason: 'hub.revoked' },
    });
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM mutations m JOIN users u ON u.id = m.user_id WHERE u.login = 'rv.a'`)).rows[0].n).toBe(
      0,
    );
  });
});

describe('the change feed', () => {
  it('a long transaction that commits after a short one is not skipped by a pull in between', async () => {
    const a = await t.person('feed.a', ['trader']);
    const start = await a.client.call('hub.pull', { cursor: null, limit: 5000, since: 0 });
    let cursor = start.cursor;
    while ((await a.client.call('hub.pull', { cursor, limit: 5000, since: 0 })).more)
      cursor = (await a.client.call('hub.pull', { cursor, limit: 5000, since: 0 })).cursor;
    cursor = (await a.client.call('hub.pull', { cursor, limit: 5000, since: 0 })).cursor;
    const long = new pg.Client({ connectionString: t.url });
    await long.connect();
    await long.query('BEGIN');
    const slow = newId();
    await long.query(`INSERT INTO changes (row_table, row_id, version, data) VALUES ('stages', $1, 1, '{"name":"lent"}')`, [slow]);
    // a short one commits after the long one took its sequence number
    const fast = newId();
    await a.client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: fast, fields: { name: 'rapide' } })] });
    const during = await a.client.call('hub.pull', { cursor, limit: 5000, since: 0 });
    // the fence holds the short one back while the long one runs: nothing is read past it
    expect(during.changes.map((c) => c.id)).not.toContain(fast);
    await long.query('COMMIT');
    await long.end();
    const after = await a.client.call('hub.pull', { cursor: during.cursor, limit: 5000, since: 0 });
    expect(after.changes.map((c) => c.id)).toEqual(expect.arrayContaining([slow, fast]));
  });

  it('reads in transaction order across every page, also where transaction ids gain a digit', async () => {
    const a = await t.person('feed.digits', ['trader']);
    const { rows } = await t.pool.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x');
    const next = 10 ** rows[0]!.x.length;
    // spend transaction ids up to just below the next power of ten, so the pushes below cross it
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    for (let x = Number(rows[0]!.x); x < next - 3; x++) await c.query('SELECT pg_current_xact_id()');
    await c.end();
    const ids = Array.from({ length: 8 }, () => newId());
    for (const [i, id] of ids.entries())
      await a.client.call('hub.push', { mutations: [mutation(i + 1, { table: 'stages', id, fields: { name: `n${i}` } })] });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const p: Awaited<ReturnType<typeof a.client.call<'hub.pull'>>> = await a.client.call('hub.pull', { cursor, limit: 3, since: 0 });
      seen.push(...p.changes.map((ch) => ch.id));
      cursor = p.cursor;
      if (!p.more) break;
    }
    expect(seen.filter((x) => ids.includes(x))).toEqual(ids);
    // small pages read exactly what one big read does, in the same order
    expect(seen).toEqual((await a.client.call('hub.pull', { cursor: null, limit: 5000, since: 0 })).changes.map((ch) => ch.id));
  });

  it('pages in order with a cursor; a cursor of another epoch starts again and says so', async () => {
    const a = await t.person('feed.b', ['trader']);
    const all: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const p: Awaited<ReturnType<typeof a.client.call<'hub.pull'>>> = await a.client.call('hub.pull', { cursor, limit: 7, since: 0 });
      all.push(...p.changes.map((c) => `${c.table}/${c.id}/${c.version}`));
      cursor = p.cursor;
      if (!p.more) break;
    }
    const whole = await a.client.call('hub.pull', { cursor: null, limit: 5000, since: 0 });
    expect(all).toEqual(whole.changes.map((c) => `${c.table}/${c.id}/${c.version}`));
    const stale = cursor.replace(/^[0-9a-f-]{36}/, '00000000-0000-0000-0000-000000000000');
    const again = await a.client.call('hub.pull', { cursor: stale, limit: 5000, since: 0 });
    expect(again.reset).toBe(true);
    expect(again.changes.length).toBe(whole.changes.length);
    await expect(a.client.call('hub.pull', { cursor: 'garbage', limit: 10, since: 0 })).rejects.toMatchObject({
      details: { reason: 'hub.badCursor' },
    });
  });
});

describe('hub instances', () => {
  it('two instances on one database give the same answers, and a push through one pokes the desks of the other', async () => {
    const pool2 = openPool(t.url);
    const second = await startHub({ pool: pool2, now: t.clock.now });
    const a = await t.person('inst.a', ['trader']);
    const viaSecond = hubClient(second.url, null);
    const s = await viaSecond.call('hub.login', { login: 'admin', password: DESK_PASSWORD, desk: desk('second') });
    const adminOnSecond = viaSecond.withToken(s.token);
    const pullBoth = async () => [
      await t.admin.call('hub.pull', { cursor: null, limit: 5000, since: 0 }),
      await adminOnSecond.call('hub.pull', { cursor: null, limit: 5000, since: 0 }),
    ];
    const [p1, p2] = await pullBoth();
    expect(p2!.changes).toEqual(p1!.changes);
    expect(p2!.epoch).toBe(p1!.epoch);
    expect(await adminOnSecond.call('users.list', {})).toEqual(await t.admin.call('users.list', {}));

    const ws = new WebSocket(`${second.url.replace('http', 'ws')}/poke?token=${encodeURIComponent(s.token)}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const poked = new Promise<number>((resolve) => ws.once('message', () => resolve(Date.now())));
    const sent = Date.now();
    await a.client.call('hub.push', { mutations: [mutation(1, { table: 'stages', id: newId(), fields: { name: 'poke' } })] });
    expect((await poked) - sent).toBeLessThan(1_000);
    ws.close();
    // a poke socket without a valid session is refused
    const bad = new WebSocket(`${second.url.replace('http', 'ws')}/poke?token=nope`);
    await expect(new Promise((resolve, reject) => bad.once('open', resolve).once('error', reject))).rejects.toThrow(/401/);
    await second.close();
    await pool2.end();
  });

  it('leases references in disjoint blocks to each desk', async () => {
    const a = await t.person('ref.a', ['trader']);
    const b = await t.person('ref.b', ['trader']);
    const blocks = await Promise.all([
      a.client.call('references.lease', { prefix: 'OPP', year: 2026, count: 50 }),
      b.client.call('references.lease', { prefix: 'OPP', year: 2026, count: 50 }),
      a.client.call('references.lease', { prefix: 'OPP', year: 2026, count: 50 }),
    ]);
    const numbers = blocks.flatMap((x) => Array.from({ length: x.last - x.first + 1 }, (_, i) => x.first + i));
    expect(new Set(numbers).size).toBe(150);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(150);
  });

  it('refuses to serve plain HTTP beyond loopback', async () => {
    await expect(startHub({ pool: t.pool, host: '0.0.0.0' })).rejects.toThrow(/TLS/);
  });
});
