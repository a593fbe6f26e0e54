// /staff/logout, visited directly (the navigation's link is handled by the app): closes the server
// session if there is one and wipes the key. Public, so that a reloaded page (session open, key
// gone) can log out too.
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { View } from '../../app-context.ts';
import { element, pageHeading } from '../../ui.ts';

export const logoutView: View = async (ctx) => {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  // No session (already ended) is an answer too: either way the person is logged out.
  await ctx.session.client.logout().catch(() => undefined);
  if (ctx.session.self) ctx.session.end('logout');
  else ctx.navigate('/staff/login', { replace: true, message: ctx.texts.loggedOut });
  return { title: t.logout.title, content: element('section', {}, pageHeading(t.logout.title), element('p', { role: 'status' }, t.logout.working)) };
};
