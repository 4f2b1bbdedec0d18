import { AUTOMATION_RULES, MARGIN_RULES, STAGES } from '../../electron/shared/demo/catalog-data';
import type { Db } from '../client';

/**
 * What a new company database needs before its first sync, when no demo company is loaded: the
 * default pipeline, the automation of « Devis accepté », the company's margin policy and the
 * operational defaults. Master data comes from the ERP; users are added by the team.
 */
export function writeCompanySetup(db: Db, now: string): boolean {
  const raw = db.$client;
  if ((raw.prepare('SELECT count(*) FROM stages').pluck().get() as number) > 0) return false;
  raw.transaction(() => {
    const stage = raw.prepare('INSERT INTO stages (code, name, position, probability, kind, stagnation_days) VALUES (?, ?, ?, ?, ?, ?)');
    const ids = new Map<string, number>(
      STAGES.map((s, i) => [s.code, Number(stage.run(s.code, s.name, i + 1, s.probability, s.kind, s.stagnationDays).lastInsertRowid)]),
    );
    const rule = raw.prepare('INSERT INTO rules (kind, scope, scope_id, params, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (const a of AUTOMATION_RULES) rule.run('automation', 'stage', ids.get(a.stageCode), JSON.stringify(a.params), now);
    for (const m of MARGIN_RULES.filter((r) => r.scope === 'company'))
      rule.run('margin', 'company', null, JSON.stringify({ targetRate: m.targetRate, minimumRate: m.minimumRate }), now);
    const setting = raw.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING');
    setting.run('company.landedCostRate', JSON.stringify(300), now);
    setting.run('operations.handlingDays', JSON.stringify(2), now);
  })();
  return true;
}
