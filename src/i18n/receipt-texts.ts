// The sentences a signed acknowledgement carries (LEGAL.md L1, L2), in French and English.
import type { Bilingual } from './intake-defaults.ts';

export interface AcknowledgementFacts {
  readonly organisationName: string;
  readonly caseReference: string;
  readonly receivedAt: Date;
  readonly timeZone: string;
  readonly admissibilityReviewDays: number;
  readonly feedbackDueOn: string;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: 'fr-FR' | 'en-GB', timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

function longDate(locale: 'fr-FR' | 'en-GB', day: string): string {
  return formatter(locale, 'UTC', false).format(new Date(`${day}T00:00:00Z`));
}

function dateTime(locale: 'fr-FR' | 'en-GB', instant: Date, timeZone: string): string {
  return formatter(locale, timeZone, true).format(instant);
}

export function acknowledgementStatement(facts: AcknowledgementFacts): Bilingual {
  return {
    fr:
      `${facts.organisationName} accuse réception du signalement ${facts.caseReference}, reçu le ${dateTime('fr-FR', facts.receivedAt, facts.timeZone)}. ` +
      `Cet accusé de réception ne vaut pas décision sur la recevabilité du signalement. ` +
      `L'examen de sa recevabilité devrait prendre au plus ${facts.admissibilityReviewDays} jours ouvrés. ` +
      `Un retour d'information sur les mesures envisagées ou prises vous sera adressé au plus tard le ${longDate('fr-FR', facts.feedbackDueOn)}.`,
    en:
      `${facts.organisationName} acknowledges receipt of report ${facts.caseReference}, received on ${dateTime('en-GB', facts.receivedAt, facts.timeZone)}. ` +
      `This acknowledgement is not a decision on whether the report is admissible. ` +
      `The admissibility review should take at most ${facts.admissibilityReviewDays} working days. ` +
      `You will be told of the measures envisaged or taken no later than ${longDate('en-GB', facts.feedbackDueOn)}.`,
  };
}
