// The frame every reporter page shares: language, skip link, header with the language switch,
// footer. Scripts are external modules only; the body's data attributes tell them where they are.
import type { Language, ReporterPageTexts } from '../../i18n/reporter-pages.ts';
import { REPORTER_PAGE_TEXTS } from '../../i18n/reporter-pages.ts';
import { html, type Markup } from './html.ts';

export interface PageAssets {
  readonly stylesheet: string;
  readonly script?: string;
  /** Assets the script will need at once (its chunks, the worker), announced to the browser early. */
  readonly preload?: readonly string[];
  /** The proof-of-work worker's script, for pages that file or log in. */
  readonly worker?: string;
}

export interface PageFrame {
  readonly language: Language;
  readonly title: string;
  /** The page's own path, for the language switch (no query: nothing of the reporter's goes there). */
  readonly path: string;
  readonly organisationName?: string;
  readonly assets: PageAssets;
  readonly data?: Readonly<Record<string, string>>;
}

export function texts(language: Language): ReporterPageTexts {
  return REPORTER_PAGE_TEXTS[language];
}

export function languageLink(path: string, language: Language): string {
  return language === 'fr' ? path : `${path}?lang=en`;
}

export function renderPage(frame: PageFrame, content: Markup): string {
  const t = texts(frame.language).common;
  const other = frame.language === 'fr' ? 'en' : 'fr';
  const dataAttributes = Object.entries(frame.data ?? {}).map(([name, value]) => html` data-${name}="${value}"`);
  return `<!doctype html>\n${html`<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${frame.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${frame.assets.stylesheet}">
${(frame.assets.preload ?? []).map((href) => html`<link rel="modulepreload" href="${href}">\n`)}${frame.assets.script ? html`<script type="module" src="${frame.assets.script}"></script>` : ''}
</head>
<body data-lang="${frame.language}"${frame.assets.worker ? html` data-worker="${frame.assets.worker}"` : ''}${dataAttributes}>
<a class="skip-link" href="#main">${t.skipLink}</a>
<header class="site-header">
<p class="site-name">${frame.organisationName ?? 'Vigie'}</p>
<a class="language-switch" href="${languageLink(frame.path, other)}" lang="${t.switchLanguageLang}" hreflang="${t.switchLanguageLang}" aria-label="${t.switchLanguageLabel}">${t.switchLanguage}</a>
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer class="site-footer"><p>${t.footer}</p></footer>
</body>
</html>
`.text}`;
}
