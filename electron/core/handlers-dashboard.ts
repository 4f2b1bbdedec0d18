import type { Handlers } from '../shared/rpc';
import type { Dashboard } from './dashboard';

type DashboardMethods =
  'dashboard.forecast' | 'dashboard.kpis' | 'dashboard.deals' | 'dashboard.marginRisk' | 'dashboard.whatIf' | 'opportunity.suggestions';

/** The manager's desk (issue 14): one map for the domain; every figure read from the desk's data at the call. */
export function dashboardHandlers(dashboard: Dashboard): Pick<Handlers, DashboardMethods> {
  return {
    'dashboard.forecast': (input) => dashboard.forecast(input),
    'dashboard.kpis': (input) => dashboard.kpis(input),
    'dashboard.deals': (input) => dashboard.deals(input),
    'dashboard.marginRisk': (input) => dashboard.marginRisk(input),
    'dashboard.whatIf': (input) => dashboard.whatIf(input),
    'opportunity.suggestions': ({ id }) => dashboard.suggestions(id),
  };
}
