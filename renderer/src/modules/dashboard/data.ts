/** What the dashboards follow: any change to deals, activities, approvals, rules or settings reads them again. */
export const DASHBOARD_DATA = [
  'opportunities',
  'activities',
  'approvals',
  'settings',
  'stages',
  'rules',
  'dashboard',
  'customers',
  'operations',
  'purchasing',
];
