import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';

/** Debian's PostgreSQL binaries (package `postgresql`); COMPTOIR_PG_BIN points elsewhere. */
export function pgBin(): string {
  if (process.env.COMPTOIR_PG_BIN) return process.env.COMPTOIR_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: apt-get install postgresql (Debian), or set COMPTOIR_PG_BIN');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

export type LocalCluster = { dir: string; port: number; socketDir: string; url: (database: string) => string; stop: () => void; start: () => void };

/** PostgreSQL refuses to run as root: started as root, every step runs as the `postgres` system user. */
function run(binary: string, args: string[], owner: { uid: number; gid: number } | undefined): void {
  const cmd = owner ? 'runuser' : binary;
  const full = owner ? ['-u', 'postgres', '--', binary, ...args] : args;
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${binary.split('/').pop()} failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
}

function postgresOwner(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * A PostgreSQL cluster in a folder of our own, listening on loopback and a socket in that folder,
 * trusting local connections (the folder is the boundary; the hub's users have their own passwords).
 * Created on first use, started, stopped by `stop()`.
 */
export function localCluster(options: { dir: string; port: number }): LocalCluster {
  const dir = resolve(options.dir);
  const data = join(dir, 'data');
  const socketDir = join(dir, 'run');
  const owner = postgresOwner();
  const bin = pgBin();
  mkdirSync(socketDir, { recursive: true });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], owner);
    writeFileSync(join(data, 'postgresql.auto.conf'), 'fsync = on\nmax_connections = 200\n', { flag: 'a' });
  }
  const log = join(dir, 'postgres.log');
  const start = () =>
    run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-l', log, '-w', '-t', '60', '-o', `-k ${socketDir} -p ${options.port} -c listen_addresses=127.0.0.1`, 'start'],
      owner,
    );
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', '-m', 'fast', 'stop'], owner);
  start();
  return { dir, port: options.port, socketDir, url: (database) => `postgres://postgres@127.0.0.1:${options.port}/${database}`, stop, start };
}
