import type { ReminderRule } from '../../electron/shared/contract/activities';
import type { Db } from '../client';
import { stagnantSql } from '../../electron/shared/domain/kpis';
import { prepareCached } from './statements';
import { STAGE_THRESHOLDS_SQL } from './stagnation';

/** Reminder rules (rules of kind 'reminder', scope 'stage' or 'company') and the deals each one is due for. */
const all = <T>(db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).all(...params) as T[];
const run = (db: Db, sql: string, ...params: unknown[]) => prepareCached(db.$client, sql).run(...params);

export type ReminderParams = Pick<ReminderRule, 'trigger' | 'days' | 'kind' | 'title' | 'assignTo'>;

/** The rules, each with its uid (what its follow-ups name as their source, the same at every desk). */
export function reminderRules(db: Db): (ReminderRule & { uid: string })[] {
  return all<{ id: number; uid: string; stageId: number | null; stageName: string | null; params: string; active: number }>(
    db,
    `SELECT r.id, r.uid, r.scope_id AS stageId, s.name AS stageName, r.params, r.active FROM rules r
     LEFT JOIN stages s ON r.scope = 'stage' AND s.id = r.scope_id WHERE r.kind = 'reminder' ORDER BY r.position, r.id`,
  ).map((r) => ({
    id: r.id,
    uid: r.uid,
    stageId: r.stageId,
    stageName: r.stageName,
    active: r.active === 1,
    ...(JSON.parse(r.params) as ReminderParams),
  }));
}

/** What changes when a rule is made, changed or removed (here or pulled from another desk). */
export function reminderRulesKey(db: Db): string {
  return (prepareCached(
    db.$client,
    "SELECT group_concat(id || ':' || active || ':' || coalesce(scope_id, '') || ':' || params, '|') FROM (SELECT * FROM rules WHERE kind = 'reminder' ORDER BY id)",
  )
    .pluck()
    .get() ?? '') as string;
}

export function insertReminderRule(db: Db, stageId: number | null, params: ReminderParams, active: boolean, at: string): number {
  return Number(
    run(
      db,
      "INSERT INTO rules (kind, scope, scope_id, params, active, updated_at) VALUES ('reminder', ?, ?, ?, ?, ?)",
      stageId === null ? 'company' : 'stage',
      stageId,
      JSON.stringify(params),
      active ? 1 : 0,
      at,
    ).lastInsertRowid,
  );
}

export function updateReminderRule(db: Db, id: number, stageId: number | null, params: ReminderParams, active: boolean, at: string): void {
  run(
    db,
    "UPDATE rules SET scope = ?, scope_id = ?, params = ?, active = ?, updated_at = ? WHERE id = ? AND kind = 'reminder'",
    stageId === null ? 'company' : 'stage',
    stageId,
    JSON.stringify(params),
    active ? 1 : 0,
    at,
    id,
  );
}

export function deleteReminderRule(db: Db, id: number): void {
  run(db, "DELETE FROM rules WHERE id = ? AND kind = 'reminder'", id);
}

/** A deal a rule is due for: who it goes to, and the occasion (rule, deal, since when) its follow-up is made for. */
export type ReminderCandidate = {
  opportunityId: number;
  customerId: number;
  ownerId: number | null;
  reference: string;
  customerName: string;
  occasion: string;
};

/** Open deals with the occasion a rule's follow-up would be made for (`since`: what starts it); none made for it yet. */
const openDeals = (
  since: string,
  join = '',
) => `SELECT * FROM (SELECT o.id AS opportunityId, o.customer_id AS customerId, o.owner_id AS ownerId, o.reference,
    c.name AS customerName, @source || '|' || o.uid || '|' || ${since} AS occasion
  FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind = 'open' JOIN customers c ON c.id = o.customer_id ${join}
  WHERE (@stage IS NULL OR o.stage_id = @stage)`;
const NOT_MADE = ') d WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.occasion = d.occasion) ORDER BY d.opportunityId';
/** What a rule's follow-ups name as their source: the rule's uid, the same at every desk. */
export const ruleSource = (rule: { uid: string }) => `rule:${rule.uid}`;

const OPEN_ACTIVITY = 'EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = o.id AND a.done_at IS NULL)';

/**
 * The open deals a rule is due for at `now`; each rule's follow-up is made once per occasion:
 * - idle: nothing planned, and no activity made or done for `days` days (nor a stage change) —
 *   once a day at most;
 * - stagnant: in its stage longer than `days` (or the stage's threshold: the company's, else the p75
 *   of past stays, `isStagnant`) with nothing planned —
 *   once per stay in the stage;
 * - close_overdue: its expected close date has passed (and no follow-up of this rule is open) —
 *   once per close date.
 */
export function reminderCandidates(db: Db, rule: ReminderRule & { uid: string }, now: string): ReminderCandidate[] {
  const source = ruleSource(rule);
  const p = { stage: rule.stageId, now, source, today: now.slice(0, 10) };
  if (rule.trigger === 'idle') {
    const cut = new Date(Date.parse(now) - (rule.days ?? 1) * 86_400_000).toISOString();
    return all(
      db,
      `${openDeals('@today')} AND o.stage_entered_at < @cut AND NOT ${OPEN_ACTIVITY}
         AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = o.id AND (a.created_at >= @cut OR a.done_at >= @cut))${NOT_MADE}`,
      { ...p, cut },
    );
  }
  if (rule.trigger === 'stagnant')
    return all(
      db,
      `${openDeals('o.stage_entered_at', `JOIN ${STAGE_THRESHOLDS_SQL} t ON t.stage_id = o.stage_id`)}
         AND ${stagnantSql('s.kind', 'o.stage_entered_at', 'coalesce(@days, t.threshold)', 'o.next_activity_at', '@now')}
         AND NOT ${OPEN_ACTIVITY}${NOT_MADE}`,
      { ...p, days: rule.days },
    );
  return all(
    db,
    `${openDeals('o.expected_close')} AND o.expected_close < @today
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.opportunity_id = o.id AND a.source = @source AND a.done_at IS NULL)${NOT_MADE}`,
    p,
  );
}
