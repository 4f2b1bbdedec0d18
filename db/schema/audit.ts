import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pk, stamp, uid } from './columns';
import { users } from './pipeline';

/** Every change to an opportunity, line, stage, reservation, approval or rule: old and new value. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: pk(),
    uid: uid(),
    entity: text().notNull(),
    entityId: integer().notNull(),
    action: text({ enum: ['create', 'update', 'delete'] }).notNull(),
    field: text(),
    oldValue: text({ mode: 'json' }),
    newValue: text({ mode: 'json' }),
    by: integer().references(() => users.id),
    at: stamp().notNull(),
    source: text({ enum: ['user', 'automation', 'sync'] }).notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId, t.at)],
);
