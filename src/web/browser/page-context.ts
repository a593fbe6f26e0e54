// What the server told the page in its <body> data attributes: language, organisation, worker.
import { languageOf, REPORTER_PAGE_TEXTS, type Language, type ReporterPageTexts } from '../../i18n/reporter-pages.ts';

export interface PageContext {
  readonly language: Language;
  readonly slug: string;
  readonly workerUrl: string;
  readonly texts: ReporterPageTexts;
  /** The organisation's time zone (IANA name): times are shown as its receipts state them. */
  readonly timeZone: string;
}

export function pageContext(): PageContext {
  const data = document.body.dataset;
  const language = languageOf(data['lang']);
  return { language, slug: data['slug'] ?? '', workerUrl: data['worker'] ?? '', texts: REPORTER_PAGE_TEXTS[language], timeZone: data['timeZone'] ?? 'Europe/Paris' };
}
