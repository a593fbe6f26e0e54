// /staff/unlock: the passphrase alone reopens the key of a session still open on the server.
import { STAFF_ACCOUNT_TEXTS } from '../../../../i18n/staff/account.ts';
import type { View } from '../../app-context.ts';
import { element, pageHeading } from '../../ui.ts';
import { unlockForm } from './unlock-form.ts';

export const unlockView: View = async (ctx, _params, query) => {
  const t = STAFF_ACCOUNT_TEXTS[ctx.language];
  const next = query.get('next');
  const self = await ctx.session.client.currentSession().catch(() => null);
  const loginPath = next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login';
  const content = element(
    'section',
    { class: 'account-page' },
    pageHeading(t.unlock.title),
    ctx.flash ? element('p', { class: 'notice', role: 'alert' }, ctx.flash) : null,
    self
      ? unlockForm(ctx, self, next, 'page-title')
      : element('p', { id: 'unlock-no-session' }, t.unlock.noSession),
    element('p', {}, element('a', { href: ctx.href(loginPath) }, self ? t.unlock.orLogin : t.unlock.loginLink)),
  );
  return { title: t.unlock.title, content };
};
