import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_BACKUPS, listBackups } from '../../db/backups';
import { startCore, type Core } from '../../electron/core/core';
import { IDLE_MS } from '../../electron/core/desk-care';
import { AppError } from '../../electron/shared/errors';
import { testClock } from '../clock';
import { tempDir } from './helpers';

/** A desk on a real file, on the test's clock; `reopen` starts core again on it, as the host does after a restore. */
function desk() {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'comptoir.sqlite');
  const clock = testClock();
  let restarts = 0;
  const open = () => startCore({ dbPath, demo: 'small', now: clock.now, reminderEveryMs: 0, validateOutput: true, restart: () => restarts++ });
  const d = {
    dir,
    dbPath,
    clock,
    core: open(),
    restarts: () => restarts,
    reopen: () => {
      d.core.close();
      d.core = open();
    },
    /** `ms` without a call from a person */
    idle: (ms = IDLE_MS) => clock.set(new Date(Date.parse(clock.now()) + ms).toISOString()),
    cleanup: () => {
      d.core.close();
      cleanup();
    },
  };
  return d;
}
type Desk = ReturnType<typeof desk>;

let current: Desk | null = null;
afterEach(() => {
  current?.cleanup();
  current = null;
});
const start = () => (current = desk());
const title = (core: Core, id: number) => core.db.$client.prepare('SELECT title FROM opportunities WHERE id = ?').pluck().get(id) as string;
const rename = (core: Core, id: number, t: string) => core.call('opportunity.update', { id, title: t });

/** One page of the file overwritten on disk, as a failing disk would (the pages of the table written last sit near the end). */
function damage(path: string) {
  const bytes = readFileSync(path);
  const pageSize = bytes.readUInt16BE(16);
  const page = Math.floor((bytes.length / pageSize) * 0.9);
  bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize);
  writeFileSync(path, bytes);
}
function fill(core: Core) {
  core.db.$client.prepare('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)').run();
  const insert = core.db.$client.prepare('INSERT INTO filler (body) VALUES (?)');
  core.db.$client.transaction(() => {
    for (let i = 0; i < 3_000; i++) insert.run('x'.repeat(200));
  })();
}

describe('daily backups and the idle integrity check', () => {
  it('backs up once a day when nobody uses the desk, checks the file, and keeps the newest 14', async () => {
    const d = start();
    // just started (or just used): nothing runs
    expect(d.core.care.turn()).toBeNull();
    d.idle(IDLE_MS - 1000);
    await d.core.call('app.health', {});
    d.idle(IDLE_MS - 1000);
    expect(d.core.care.turn()).toBeNull();
    d.idle(1000);
    await d.core.care.turn();
    let list = (await d.core.call('backups.list', {})).backups;
    expect(list.map((b) => b.kind)).toEqual(['daily']);
    expect(list[0]!.at).toBe(d.clock.now());
    // the copy is a sound database holding the desk's deals
    const copy = new Database(join(d.dir, 'backups', list[0]!.name), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM opportunities').pluck().get()).toBe(200);
    copy.close();
    // reading the list is a person's call: idle again, the next turn is the integrity check, on a worker's own connection
    expect(d.core.care.turn()).toBeNull();
    d.idle();
    await d.core.care.turn();
    const status = await d.core.call('backups.list', {});
    expect(status.lastCheck).toEqual({ at: d.clock.now(), ok: true, damage: [] });
    // nothing more that day
    d.idle();
    expect(d.core.care.turn()).toBeNull();
    for (let day = 1; day <= 16; day++) {
      d.clock.nextDay(1, 3);
      d.idle();
      await d.core.care.turn();
    }
    list = (await d.core.call('backups.list', {})).backups;
    expect(list).toHaveLength(KEEP_BACKUPS);
    expect(list[0]!.at).toBe(d.clock.now());
    // the newest 14 days, newest first
    const days = list.map((b) => b.at.slice(0, 10));
    expect(new Set(days).size).toBe(KEEP_BACKUPS);
    expect([...days].sort().reverse()).toEqual(days);
    expect(readdirSync(join(d.dir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('writes a backup on demand while core keeps answering, and refuses a second one meanwhile', async () => {
    const d = start();
    const making = d.core.call('backups.create', {});
    await expect(d.core.call('backups.create', {})).rejects.toMatchObject({ code: 'conflict', details: { reason: 'backupBusy' } });
    const made = await making;
    expect(made.kind).toBe('manual');
    expect(listBackups(join(d.dir, 'backups')).map((b) => b.name)).toEqual([made.name]);
  });
});

describe('restore from Paramètres', () => {
  it('puts the backup in place after a backup of the current file, restarts core, and pulls everything again', async () => {
    const d = start();
    await rename(d.core, 1, 'Avant la sauvegarde');
    d.core.db.$client
      .prepare("INSERT INTO sync_cursors (entity, cursor_time, cursor_id, updated_at) VALUES ('products', 'x', '1', ?)")
      .run(d.clock.now());
    const saved = await d.core.call('backups.create', {});
    d.idle(60_000);
    await rename(d.core, 1, 'Après la sauvegarde');
    const answer = await d.core.call('backups.restore', { name: saved.name, confirm: true });
    expect(answer.safety.kind).toBe('before-restore');
    // the host is asked to start core again, once the answer has left
    await new Promise((r) => setTimeout(r, 100));
    expect(d.restarts()).toBe(1);
    d.reopen();
    expect(title(d.core, 1)).toBe('Avant la sauvegarde');
    // every ERP entity pulled again from its start
    expect(d.core.db.$client.prepare('SELECT count(*) FROM sync_cursors').pluck().get()).toBe(0);
    const status = await d.core.call('backups.list', {});
    expect(status.notice).toMatchObject({ reason: 'restore', from: saved.name, backupAt: saved.at });
    // the file as it was before the restore is a backup too: nothing is lost
    const safety = new Database(join(d.dir, 'backups', answer.safety.name), { readonly: true });
    expect(safety.prepare('SELECT title FROM opportunities WHERE id = 1').pluck().get()).toBe('Après la sauvegarde');
    safety.close();
    expect(existsSync(`${d.dbPath}.restore`)).toBe(false);
    await d.core.call('backups.dismissNotice', {});
    expect((await d.core.call('backups.list', {})).notice).toBeNull();
    // the restored file works as before
    await rename(d.core, 1, 'Après la restauration');
    d.reopen();
    expect(title(d.core, 1)).toBe('Après la restauration');
  });

  it('refuses an unknown backup, a damaged one and a restore without the yes, and changes nothing', async () => {
    const d = start();
    const good = await d.core.call('backups.create', {});
    d.idle(1000);
    const bad = await d.core.call('backups.create', {});
    damage(join(d.dir, 'backups', bad.name));
    const before = listBackups(join(d.dir, 'backups')).map((b) => b.name);
    await expect(d.core.call('backups.restore', { name: 'daily-2020-01-01T00-00-00-000Z.sqlite', confirm: true })).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'unknownBackup' },
    });
    await expect(d.core.call('backups.restore', { name: bad.name, confirm: true })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { reason: 'backupDamaged' },
    });
    await expect(d.core.call('backups.restore', { name: '../comptoir.sqlite', confirm: true } as never)).rejects.toBeInstanceOf(AppError);
    await expect(d.core.call('backups.restore', { name: good.name, confirm: false } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(listBackups(join(d.dir, 'backups')).map((b) => b.name)).toEqual(before);
    expect(existsSync(`${d.dbPath}.restore`)).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(d.restarts()).toBe(0);
  });

  it('keeps the chosen backup when it is the oldest of 14 (the safety backup prunes another)', async () => {
    const d = start();
    const names: string[] = [];
    for (let i = 0; i < KEEP_BACKUPS; i++) {
      await rename(d.core, 2, `Version ${i}`);
      names.push((await d.core.call('backups.create', {})).name);
      d.idle(1000);
    }
    await d.core.call('backups.restore', { name: names[0]!, confirm: true });
    d.reopen();
    expect(title(d.core, 2)).toBe('Version 0');
  });
});

describe('a damaged database', () => {
  it('is replaced at open by the newest sound backup (a damaged newer one skipped); the user is told and the file kept aside', async () => {
    const d = start();
    await rename(d.core, 3, 'Sauvegarde saine');
    const sound = await d.core.call('backups.create', {});
    d.idle(1000);
    const broken = await d.core.call('backups.create', {});
    damage(join(d.dir, 'backups', broken.name));
    await rename(d.core, 3, 'Perdu avec le disque');
    fill(d.core);
    d.core.close();
    damage(d.dbPath);
    d.core = startCore({ dbPath: d.dbPath, demo: 'small', now: d.clock.now, reminderEveryMs: 0 });
    expect(title(d.core, 3)).toBe('Sauvegarde saine');
    const status = await d.core.call('backups.list', {});
    expect(status.notice).toMatchObject({ reason: 'damaged', from: sound.name, backupAt: sound.at });
    expect(status.notice!.damage.length).toBeGreaterThan(0);
    expect(readdirSync(join(d.dir, 'backups')).filter((f) => f.startsWith('damaged-'))).toHaveLength(1);
  });

  it('found by the idle integrity check: flagged, core restarted, and replaced at the next open', async () => {
    const d = start();
    await rename(d.core, 4, 'Sauvegarde du jour');
    d.idle();
    await d.core.care.turn();
    await rename(d.core, 4, 'Fait après la sauvegarde');
    fill(d.core);
    d.core.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    damage(d.dbPath);
    d.idle();
    await d.core.care.turn();
    const status = await d.core.call('backups.list', {});
    expect(status.lastCheck).toMatchObject({ ok: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(d.restarts()).toBe(1);
    expect(existsSync(join(d.dir, 'backups', 'damage-found.json'))).toBe(true);
    d.reopen();
    expect(title(d.core, 4)).toBe('Sauvegarde du jour');
    expect((await d.core.call('backups.list', {})).notice).toMatchObject({ reason: 'damaged' });
    // the flag is spent once a backup replaced the file: the next start opens it as it is
    expect(existsSync(join(d.dir, 'backups', 'damage-found.json'))).toBe(false);
    d.reopen();
    expect(title(d.core, 4)).toBe('Sauvegarde du jour');
  });

  it('with no sound backup: refused with a clear error, the file left as it was', () => {
    const d = start();
    fill(d.core);
    d.core.close();
    damage(d.dbPath);
    const bytes = readFileSync(d.dbPath);
    expect(() => startCore({ dbPath: d.dbPath, demo: 'small', now: d.clock.now, reminderEveryMs: 0 })).toThrow(/damaged .* and no backup is sound/);
    expect(readFileSync(d.dbPath).equals(bytes)).toBe(true);
    d.core = startCore({ dbPath: join(d.dir, 'other.sqlite'), demo: 'none', now: d.clock.now, reminderEveryMs: 0 });
  });
});
