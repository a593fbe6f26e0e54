// The notice a referent gives the persons an alert concerned, once it is closed (LEGAL.md L5: "the
// persons concerned too where relevant"). Assembled in the referent's client from the decrypted
// case, printed there: the names it is addressed to never pass through the server in clear.
// It never names the reporter or says anything that could identify them (L7).
import type { CaseOutcome, FollowUpKind } from '../domain/case-workflow.ts';
import type { Language } from './reporter-pages.ts';

export interface PersonsConcernedFacts {
  readonly organisationName: string;
  readonly caseReference: string;
  readonly closedAt: Date;
  readonly timeZone: string;
  readonly outcome: CaseOutcome;
  readonly followUpKind: FollowUpKind | null;
  /** To whom, as the referent types it in their page (never sent to the server). */
  readonly addressee: string;
}

export interface PrintableNotice {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const OUTCOMES: Record<Language, Record<CaseOutcome, string>> = {
  fr: {
    inadmissible: "Le signalement a été jugé non recevable. Aucune suite n'y est donnée.",
    no_follow_up: "Après vérification, les faits signalés n'ont pas été établis ou ne justifient aucune suite. Le dossier est clos sans suite.",
    follow_up: 'Après vérification, des suites ont été décidées',
  },
  en: {
    inadmissible: 'The report was found not admissible. No further action is taken.',
    no_follow_up: 'After verification, the facts reported were not established or call for no further action. The case is closed with no further action.',
    follow_up: 'After verification, follow-up action was decided',
  },
};

const KINDS: Record<Language, Record<FollowUpKind, string>> = {
  fr: { disciplinary: 'une procédure disciplinaire', judicial_referral: "la saisine de l'autorité judiciaire", internal_measures: 'des mesures internes' },
  en: { disciplinary: 'disciplinary proceedings', judicial_referral: 'a referral to the judicial authority', internal_measures: 'internal measures' },
};

export function personsConcernedNotice(facts: PersonsConcernedFacts, language: Language): PrintableNotice {
  const closedOn = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: facts.timeZone }).format(facts.closedAt);
  const outcome = OUTCOMES[language][facts.outcome] + (facts.outcome === 'follow_up' ? (facts.followUpKind ? ` : ${KINDS[language][facts.followUpKind]}.` : '.') : '');
  if (language === 'fr') {
    return {
      title: `${facts.organisationName} — information sur le traitement d'un signalement (${facts.caseReference})`,
      paragraphs: [
        `À l'attention de : ${facts.addressee}`,
        `Un signalement vous concernant a été reçu et traité dans le cadre du dispositif d'alerte interne de ${facts.organisationName}. Son traitement a été clos le ${closedOn}.`,
        outcome,
        "L'identité de l'auteur du signalement est strictement confidentielle (loi n° 2016-1691, art. 9) et ne vous est pas communiquée. Votre propre identité est protégée par la même confidentialité.",
        "Vous pouvez exercer vos droits d'accès, de rectification et d'opposition sur les données vous concernant auprès du délégué à la protection des données de l'organisme. Ces données seront supprimées dans les délais prévus par les règles de conservation.",
      ],
    };
  }
  return {
    title: `${facts.organisationName} — information on the handling of a report (${facts.caseReference})`,
    paragraphs: [
      `For the attention of: ${facts.addressee}`,
      `A report concerning you was received and handled through the internal whistleblowing channel of ${facts.organisationName}. Its handling was closed on ${closedOn}.`,
      outcome,
      "The identity of the report's author is strictly confidential (loi 2016-1691, art. 9) and is not given to you. Your own identity is protected by the same confidentiality.",
      "You may exercise your rights of access, rectification and objection regarding data about you with the organisation's data protection officer. This data will be deleted within the periods the retention rules set.",
    ],
  };
}
