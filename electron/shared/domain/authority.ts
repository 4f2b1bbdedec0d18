import type { Role } from '../contract/common';

/**
 * Who may do what (DESIGN.md §2.11, TEAM.md): one home for core's checks, the hub's rules and what
 * each person's screens offer. A person holds one or more roles; a team of one holds them all.
 */
export const AUTHORITY = {
  /** decide a credit approval */
  'approval.credit': ['finance', 'manager'],
  /** decide a margin approval */
  'approval.margin': ['manager'],
  /** put a customer on credit hold, or lift it */
  hold: ['finance', 'manager'],
  /** send a reviewed purchase to the ERP */
  'purchase.send': ['purchasing', 'manager'],
  /** see every person's activities, by person */
  'activities.team': ['manager'],
  /** set the company's reminder rules */
  'reminders.rules': ['manager'],
  /** change a company setting (four eyes, lost reasons, cost basis); the hub's admin may too */
  'settings.company': ['manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Power = keyof typeof AUTHORITY;

/** Whether someone holding these roles may do it (roles may come as plain strings: the hub's). */
export const may = (roles: readonly string[], power: Power): boolean => (AUTHORITY[power] as readonly string[]).some((r) => roles.includes(r));

/** Whether a notice core raised is for the person at this desk: their role, or them by name (the in-app alerts and the OS notifications). */
export function alertIsFor(alert: { role?: Role; userId?: number }, desk: { roles: readonly Role[]; currentUserId: number | null }): boolean {
  if (alert.role && !desk.roles.includes(alert.role)) return false;
  return alert.userId === undefined || alert.userId === desk.currentUserId;
}
