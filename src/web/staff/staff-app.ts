// The staff area in the browser: one document, client-side routing (so the private key stays in
// this page's memory across views), deny by default (every route declares who may open it), and a
// session that, once ended, wipes the page and sends back to the login with the reason.
import type { Language } from '../../i18n/reporter-pages.ts';
import { languageOf } from '../../i18n/reporter-pages.ts';
import { STAFF_COMMON_TEXTS } from '../../i18n/staff/common.ts';
import { HttpError } from '../../client/http.ts';
import type { StaffAppContext, StaffRoute, ViewResult } from './app-context.ts';
import { matchRoute } from './router.ts';
import { SessionEndedError, StaffSession, type SessionEnd } from './session.ts';
import { byId, element, pageHeading, problemDetail } from './ui.ts';
import { accountRoutes } from './views/account-routes.ts';
import { adminRoutes } from './views/admin-routes.ts';
import { casesRoutes } from './views/cases-routes.ts';
import { dpoRoutes } from './views/dpo-routes.ts';
import { navigationItems } from './navigation.ts';

const ROUTES: readonly StaffRoute[] = [...accountRoutes, ...casesRoutes, ...dpoRoutes, ...adminRoutes];
const LOGIN_PATH = '/staff/login';

let language: Language = languageOf(document.body.dataset['lang']);
const session = new StaffSession(window.location.origin, Number(document.body.dataset['idleMinutes'] ?? '30'));
let current: ViewResult | null = null;
let flash: string | null = null;
let rendering = 0;

function href(path: string): string {
  return language === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
}

function announce(message: string): void {
  const region = byId('announcer');
  region.textContent = '';
  setTimeout(() => (region.textContent = message), 50);
}

function navigate(path: string, options: { replace?: boolean; message?: string } = {}): void {
  flash = options.message ?? null;
  const target = href(path);
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  void render();
}

function context(): StaffAppContext {
  return { language, texts: STAFF_COMMON_TEXTS[language], session, navigate, href, announce, flash };
}

function messageView(title: string, text: string, link?: { href: string; label: string }): ViewResult {
  return { title, content: element('section', {}, pageHeading(title), element('p', {}, text), link ? element('p', {}, element('a', { href: link.href }, link.label)) : null) };
}

function allowed(route: StaffRoute): boolean {
  if (route.access === 'public' || route.access === 'any') return true;
  return session.hasRole(...route.access);
}

async function viewFor(path: string, query: URLSearchParams): Promise<ViewResult> {
  const t = STAFF_COMMON_TEXTS[language];
  // /staff itself opens the first section the person's roles give (cases, retention, administration…).
  const landing = session.unlocked ? (navigationItems(t, session)[0]?.path ?? '/staff/account') : '/staff/cases';
  const match = matchRoute(ROUTES, path === '/staff' || path === '/staff/' ? landing : path);
  if (!match) return messageView(t.notFound.title, t.notFound.text, { href: href('/staff/cases'), label: t.notFound.back });
  if (match.route.access !== 'public' && !session.unlocked) {
    window.history.replaceState(null, '', href(`${LOGIN_PATH}?next=${encodeURIComponent(path)}`));
    const login = matchRoute(ROUTES, LOGIN_PATH);
    if (!login) throw new Error('no login view');
    return login.route.view(context(), {}, new URLSearchParams({ next: path }));
  }
  if (!allowed(match.route)) return messageView(t.forbidden.title, t.forbidden.text);
  try {
    return await match.route.view(context(), match.params, query);
  } catch (error) {
    if (error instanceof SessionEndedError) throw error;
    if (error instanceof HttpError && error.status === 404) return messageView(t.notFound.title, t.notFound.text, { href: href('/staff/cases'), label: t.notFound.back });
    if (error instanceof HttpError && error.status === 403) return messageView(t.forbidden.title, problemDetail(error, t.forbidden.text));
    console.error('view failed', error instanceof Error ? error.name : 'error');
    return messageView(t.unexpected, problemDetail(error, t.unexpected), { href: window.location.pathname + window.location.search, label: t.retry });
  }
}

async function render(): Promise<void> {
  const ticket = ++rendering;
  const url = new URL(window.location.href);
  language = languageOf(url.searchParams.get('lang'));
  current?.dispose?.();
  current = null;
  const status = byId('app-status');
  status.hidden = false;
  let result: ViewResult;
  try {
    result = await viewFor(url.pathname, url.searchParams);
  } catch (error) {
    if (error instanceof SessionEndedError) return; // the end listener has already moved on
    throw error;
  } finally {
    flash = null;
  }
  if (ticket !== rendering) {
    result.dispose?.();
    return;
  }
  current = result;
  status.hidden = true;
  const t = STAFF_COMMON_TEXTS[language];
  document.documentElement.lang = language;
  document.title = t.pageTitle(result.title);
  byId('view').replaceChildren(result.content);
  drawFrame();
  const heading = document.getElementById('page-title');
  (heading ?? byId('main')).focus();
  window.scrollTo(0, 0);
}

/** Header and navigation: who is logged in, the sections their roles open, the language switch. */
function drawFrame(): void {
  const t = STAFF_COMMON_TEXTS[language];
  document.querySelector('.site-name')!.textContent = t.appName;
  document.querySelector('.site-footer p')!.textContent = t.footer;
  byId('skip-link').textContent = t.skipLink;
  const signedIn = byId('signed-in');
  const nav = byId('staff-nav');
  const self = session.unlocked ? session.self : undefined;
  signedIn.hidden = !self;
  signedIn.textContent = self ? t.signedInAs(self.displayName, self.organisation.name) : '';
  nav.hidden = !self;
  nav.setAttribute('aria-label', t.navLabel);
  const list = byId('staff-nav-list');
  list.replaceChildren(
    ...(self
      ? navigationItems(t, session).map((item) => {
          const link = element('a', { href: href(item.path) }, item.label);
          if (window.location.pathname === item.path || (item.path !== '/staff/cases' && window.location.pathname.startsWith(`${item.path}/`)) || (item.path === '/staff/cases' && /^\/staff(\/cases(\/.*)?)?$/.test(window.location.pathname))) {
            link.setAttribute('aria-current', 'page');
          }
          if (item.logout) link.dataset['logout'] = 'true';
          return element('li', {}, link);
        })
      : []),
  );
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const switchLink = byId<HTMLAnchorElement>('language-switch');
  const otherTexts = STAFF_COMMON_TEXTS[language];
  const url = new URL(window.location.href);
  if (other === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  switchLink.href = url.pathname + url.search;
  switchLink.textContent = otherTexts.switchLanguage;
  switchLink.lang = otherTexts.switchLanguageLang;
  switchLink.hreflang = otherTexts.switchLanguageLang;
  switchLink.setAttribute('aria-label', otherTexts.switchLanguageLabel);
}

const END_MESSAGES: Record<SessionEnd, (l: Language) => string> = {
  expired: (l) => STAFF_COMMON_TEXTS[l].sessionEnded,
  idle: (l) => STAFF_COMMON_TEXTS[l].sessionEnded,
  logout: (l) => STAFF_COMMON_TEXTS[l].loggedOut,
};

session.onEnd((reason) => {
  current?.dispose?.();
  current = null;
  byId('view').replaceChildren();
  navigate(LOGIN_PATH, { replace: true, message: END_MESSAGES[reason](language) });
});

// Same-document navigation for links inside the staff area (so the key stays in memory).
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest('a');
  if (!link || link.target || link.hasAttribute('download') || link.origin !== window.location.origin || !link.pathname.startsWith('/staff')) return;
  event.preventDefault();
  if (link.dataset['logout'] === 'true') {
    void session.client.logout().catch(() => undefined).finally(() => session.end('logout'));
    return;
  }
  window.history.pushState(null, '', link.pathname + link.search);
  void render();
});
window.addEventListener('popstate', () => void render());
for (const type of ['keydown', 'pointerdown'] as const) document.addEventListener(type, () => session.touch(), { passive: true });
// Leaving or hiding the page for good drops the key (a back/forward cache restore would show a locked page).
window.addEventListener('pagehide', () => {
  if (session.unlocked) session.end('logout');
});

void render();
