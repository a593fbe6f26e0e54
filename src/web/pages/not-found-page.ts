// The page for an organisation slug that does not exist (same answer whatever the reason).
import type { Language } from '../../i18n/reporter-pages.ts';
import { html } from './html.ts';
import { renderPage, texts, type PageAssets } from './layout.ts';

export function notFoundPage(path: string, language: Language, assets: PageAssets): string {
  const t = texts(language).common;
  return renderPage({ language, title: t.notFoundTitle, path, assets }, html`<h1>${t.notFoundTitle}</h1>\n<p>${t.notFound}</p>`);
}
