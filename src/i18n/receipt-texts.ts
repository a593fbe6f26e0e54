// The sentences signed receipts carry: the acknowledgement (LEGAL.md L1, L2) and the closure
// notice (L4, L5), in French and English.
import type { CaseOutcome, FollowUpKind } from '../domain/case-workflow.ts';
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

/** A calendar day ('YYYY-MM-DD') written out, e.g. "14 avril 2026". */
export function longDate(locale: 'fr-FR' | 'en-GB', day: string): string {
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

export interface ClosureFacts {
  readonly organisationName: string;
  readonly caseReference: string;
  readonly receivedAt: Date;
  readonly closedAt: Date;
  readonly timeZone: string;
  readonly outcome: CaseOutcome;
  readonly followUpKind: FollowUpKind | null;
}

const FOLLOW_UP_WORDS: Record<FollowUpKind, Bilingual> = {
  disciplinary: { fr: 'une procédure disciplinaire', en: 'disciplinary proceedings' },
  judicial_referral: { fr: "la saisine de l'autorité judiciaire (article 40 du code de procédure pénale)", en: 'a referral to the judicial authority (article 40 of the code of criminal procedure)' },
  internal_measures: { fr: 'des mesures internes', en: 'internal measures' },
};

function outcomeSentence(outcome: CaseOutcome, kind: FollowUpKind | null): Bilingual {
  if (outcome === 'inadmissible') {
    return {
      fr: "Le signalement a été jugé non recevable ; le motif vous a été communiqué par écrit dans votre boîte aux lettres.",
      en: 'The report was found not admissible; the reason was given to you in writing in your mailbox.',
    };
  }
  if (outcome === 'no_follow_up') {
    return {
      fr: "Après examen, aucune suite n'est donnée au signalement ; les raisons vous ont été communiquées par écrit dans votre boîte aux lettres.",
      en: 'After review, no further action is taken on the report; the reasons were given to you in writing in your mailbox.',
    };
  }
  const words = kind ? FOLLOW_UP_WORDS[kind] : { fr: 'des suites', en: 'follow-up action' };
  return { fr: `Le signalement a donné lieu à ${words.fr}.`, en: `The report led to ${words.en}.` };
}

export function closureStatement(facts: ClosureFacts): Bilingual {
  const outcome = outcomeSentence(facts.outcome, facts.followUpKind);
  return {
    fr:
      `${facts.organisationName} atteste la clôture, le ${dateTime('fr-FR', facts.closedAt, facts.timeZone)}, du traitement du signalement ${facts.caseReference} reçu le ${dateTime('fr-FR', facts.receivedAt, facts.timeZone)}. ` +
      `${outcome.fr} Les données du dossier seront supprimées dans les délais prévus par les règles de conservation.`,
    en:
      `${facts.organisationName} certifies that the handling of report ${facts.caseReference}, received on ${dateTime('en-GB', facts.receivedAt, facts.timeZone)}, was closed on ${dateTime('en-GB', facts.closedAt, facts.timeZone)}. ` +
      `${outcome.en} The case's data will be deleted within the periods the retention rules set.`,
  };
}
