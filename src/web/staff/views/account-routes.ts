// The account views of the staff area and the paths they answer. Login, unlock, activation and
// logout are public: they are how a session starts, resumes and ends.
import type { StaffRoute } from '../app-context.ts';
import { accountView } from './account/account-view.ts';
import { activateView } from './account/activate-view.ts';
import { loginView } from './account/login-view.ts';
import { logoutView } from './account/logout-view.ts';
import { unlockView } from './account/unlock-view.ts';

export const accountRoutes: readonly StaffRoute[] = [
  { pattern: '/staff/login', view: loginView, access: 'public' },
  { pattern: '/staff/unlock', view: unlockView, access: 'public' },
  { pattern: '/staff/activate', view: activateView, access: 'public' },
  { pattern: '/staff/logout', view: logoutView, access: 'public' },
  { pattern: '/staff/account', view: accountView, access: 'any' },
];
