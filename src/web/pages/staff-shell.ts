// The one document of the staff area (/staff and everything under it): a frame whose content the
// staff app draws in the browser, where reports are decrypted. The server puts nothing of a case in it.
import { STAFF_COMMON_TEXTS } from '../../i18n/staff/common.ts';
import type { Language } from '../../i18n/reporter-pages.ts';
import { html } from './html.ts';

export interface StaffShellAssets {
  readonly stylesheet: string;
  readonly script: string;
  readonly preload: readonly string[];
}

export function staffShell(language: Language, path: string, assets: StaffShellAssets, idleMinutes: number): string {
  const t = STAFF_COMMON_TEXTS[language];
  const other = language === 'fr' ? 'en' : 'fr';
  return `<!doctype html>\n${html`<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${t.appName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.stylesheet}">
${assets.preload.map((href) => html`<link rel="modulepreload" href="${href}">\n`)}<script type="module" src="${assets.script}"></script>
</head>
<body class="staff" data-lang="${language}" data-idle-minutes="${String(idleMinutes)}">
<a class="skip-link" id="skip-link" href="#main">${t.skipLink}</a>
<header class="site-header">
<p class="site-name">${t.appName}</p>
<p class="signed-in" id="signed-in" hidden></p>
<a class="language-switch" id="language-switch" href="${language === 'fr' ? `${path}?lang=en` : path}" lang="${t.switchLanguageLang}" hreflang="${t.switchLanguageLang}" aria-label="${t.switchLanguageLabel}" data-lang-target="${other}">${t.switchLanguage}</a>
</header>
<nav class="staff-nav" id="staff-nav" aria-label="${t.navLabel}" hidden><ul id="staff-nav-list"></ul></nav>
<main id="main" tabindex="-1">
<p id="app-status" role="status">${t.loading}</p>
<noscript><p class="warning">${t.noScript}</p></noscript>
<div id="view"></div>
</main>
<div id="announcer" class="visually-hidden" aria-live="polite"></div>
<footer class="site-footer"><p>${t.footer}</p></footer>
</body>
</html>
`.text}`;
}
