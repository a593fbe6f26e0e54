// The admin views of the staff area and the paths they answer (role admin only).
import type { StaffRoute } from '../app-context.ts';
import { auditView } from './admin/audit.ts';
import { organisationView } from './admin/organisation.ts';
import { adminOverviewView } from './admin/overview.ts';
import { recoveryKeyView } from './admin/recovery-key.ts';
import { settingsView } from './admin/settings.ts';
import { staffAccountsView } from './admin/staff-accounts.ts';

export const adminRoutes: readonly StaffRoute[] = [
  { pattern: '/staff/admin', view: adminOverviewView, access: ['admin'] },
  { pattern: '/staff/admin/staff', view: staffAccountsView, access: ['admin'] },
  { pattern: '/staff/admin/settings', view: settingsView, access: ['admin'] },
  { pattern: '/staff/admin/organisation', view: organisationView, access: ['admin'] },
  { pattern: '/staff/admin/recovery-key', view: recoveryKeyView, access: ['admin'] },
  { pattern: '/staff/admin/audit', view: auditView, access: ['admin'] },
];
