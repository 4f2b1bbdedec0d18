import type { Mutation } from '../shared/contract/hub';
import { guardsConflicts, TEAM_TABLES, type Field, type TeamTable } from '../shared/team/tables';
import { may } from '../shared/domain/authority';
import { mayChangeActivity } from '../shared/domain/activities';
import type { Session } from './auth';

export type Row = Record<string, unknown>;
/** Why the hub refuses a mutation: a code the desk words for its user (`hub.<reason>` in its dictionaries). */
export type Refusal = { reason: string; detail?: string };
export type Merged = { data: Row; conflicts: { field: string; hub: unknown; desk: unknown }[] };

const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
/** A field's value as a mutation may carry it: references are global ids (strings), the rest by type. */
function valueFits(f: Field, v: unknown): boolean {
  if (v === null) return true;
  if (f.ref) return typeof v === 'string' && v.length <= 100;
  switch (f.type) {
    case 'text':
      return typeof v === 'string';
    case 'bool':
      return v === 0 || v === 1 || typeof v === 'boolean';
    case 'json':
      return true;
    default:
      return isInt(v);
  }
}

/** The shape of a mutation: a known table, known fields with values of their type. */
export function checkShape(m: Mutation): Refusal | null {
  const spec = (TEAM_TABLES as Record<string, { fields: Record<string, Field> }>)[m.table];
  if (!spec) return { reason: 'unknownTable', detail: m.table };
  for (const part of [m.fields, m.old]) {
    for (const [name, v] of Object.entries(part)) {
      const f = spec.fields[name];
      if (!f) return { reason: 'unknownField', detail: `${m.table}.${name}` };
      if (!valueFits(f, v)) return { reason: 'badValue', detail: `${m.table}.${name}` };
    }
  }
  if (m.op === 'insert' && Object.keys(m.fields).length === 0) return { reason: 'emptyInsert' };
  return null;
}

/**
 * Per field, in hub order (TEAM.md protocol 6): the desk's new value wins, except money and
 * quantities it changed from an older version than the hub's while someone else changed them
 * too — those stay as the hub has them and are listed as conflicts for both people.
 */
export function merge(table: TeamTable, current: Row, currentVersion: number, m: Mutation): Merged {
  const fields = TEAM_TABLES[table].fields as Record<string, Field>;
  const data = { ...current };
  const conflicts: Merged['conflicts'] = [];
  for (const [name, v] of Object.entries(m.fields)) {
    const stale = m.baseVersion < currentVersion && guardsConflicts(fields[name]!) && name in m.old && !same(current[name], m.old[name]);
    if (stale && !same(current[name], v)) conflicts.push({ field: name, hub: current[name] ?? null, desk: v });
    else data[name] = v;
  }
  return { data, conflicts };
}
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A stored value as text, to compare and to name in a refusal. */
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

/**
 * State changes the hub decides against the state of the moment (TEAM.md protocols 6–7), and who
 * may make them: approvals decided by finance (credit) or a manager, never by the person who asked
 * (four eyes, a company setting); credit holds put or lifted by finance or a manager, in their own
 * name; a stage move from the stage the hub still has.
 */
export function authorise(table: TeamTable, before: Row | null, after: Row, s: Session, m: Mutation, fourEyes: boolean): Refusal | null {
  const me = [s.userId, `login:${s.login}`];
  if (table === 'approvals') {
    const was = before?.status ?? null;
    const now = after.status;
    if (before === null && now !== 'pending') return { reason: 'decidedAtBirth' };
    if (was === 'pending' && (now === 'approved' || now === 'refused')) {
      const kind = str(after.kind);
      if ((kind !== 'credit' && kind !== 'margin') || !may(s.roles, `approval.${kind}`)) return { reason: 'notDecider', detail: kind };
      if (fourEyes && me.includes(str(after.requestedBy))) return { reason: 'fourEyes' };
      if (after.decidedBy !== null && !me.includes(str(after.decidedBy))) return { reason: 'decidedForSomeoneElse' };
    } else if (was !== null && was !== 'pending' && was !== now) return { reason: 'alreadyDecided', detail: str(was) };
    else if (was === 'pending' && now === 'withdrawn' && !me.includes(str(after.requestedBy))) return { reason: 'notRequester' };
  }
  if (table === 'credit_holds' && (before === null || !same(before.hold, after.hold) || !same(before.reason, after.reason))) {
    if (!may(s.roles, 'hold')) return { reason: 'notHolder' };
    if (after.decidedBy !== null && !me.includes(str(after.decidedBy))) return { reason: 'decidedForSomeoneElse' };
  }
  if (table === 'company_settings' && !may(s.roles, 'settings.company') && !s.roles.includes('admin')) return { reason: 'notManager' };
  if (table === 'rules' && (before?.kind === 'reminder' || after.kind === 'reminder') && !may(s.roles, 'reminders.rules'))
    return { reason: 'notManager' };
  // an activity is changed by its person, its role's holders, its author or a manager (a rule's follow-up swept at two desks is one row: its second creation passes)
  if (table === 'activities' && before && m.op !== 'insert') {
    const person = (v: unknown) => (v === null || v === undefined ? null : str(v));
    const activity = { ownerId: person(before.ownerId), role: person(before.role), createdBy: person(before.createdBy) };
    if (!mayChangeActivity(activity, { isMe: (p) => me.includes(p), roles: s.roles })) return { reason: 'notYours' };
  }
  if (table === 'opportunities' && before && 'stageId' in m.fields && 'stageId' in m.old && !same(before.stageId, m.old.stageId))
    return { reason: 'stageMoved', detail: str(before.stageId) };
  return null;
}
