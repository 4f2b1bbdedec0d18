import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepares a statement once per connection and SQL text. */
export function prepareCached(raw: Database.Database, sql: string): Database.Statement {
  let map = cache.get(raw);
  if (!map) cache.set(raw, (map = new Map<string, Database.Statement>()));
  let stmt = map.get(sql);
  if (!stmt) {
    stmt = raw.prepare(sql);
    if (map.size > 500) map.clear();
    map.set(sql, stmt);
  }
  return stmt;
}
