// The sections a staff member's roles open, in the order of the navigation bar.
import type { StaffCommonTexts } from '../../i18n/staff/common.ts';
import type { StaffSession } from './session.ts';

export interface NavigationItem {
  readonly path: string;
  readonly label: string;
  readonly logout?: boolean;
}

export function navigationItems(t: StaffCommonTexts, session: StaffSession): NavigationItem[] {
  const items: NavigationItem[] = [];
  if (session.hasRole('referent', 'committee')) items.push({ path: '/staff/cases', label: t.nav.cases });
  if (session.hasRole('committee')) items.push({ path: '/staff/committee', label: t.nav.committee });
  if (session.hasRole('dpo')) items.push({ path: '/staff/dpo', label: t.nav.dpo });
  if (session.hasRole('dpo', 'admin')) items.push({ path: '/staff/indicators', label: t.nav.indicators });
  if (session.hasRole('admin')) items.push({ path: '/staff/admin', label: t.nav.admin });
  items.push({ path: '/staff/account', label: t.nav.account });
  items.push({ path: '/staff/logout', label: t.nav.logout, logout: true });
  return items;
}
