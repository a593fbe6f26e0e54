// What the reporter's mailbox says when something happens to their alert (DESIGN.md §5: "a message
// to the reporter where the reporter must be told"), French then English. Written by the service,
// so they carry no case content: a decision's reason is the referent's encrypted message.
import type { CaseEventKind } from '../services/case-events.ts';
import type { Bilingual } from './intake-defaults.ts';
import { longDate } from './receipt-texts.ts';

type NoticeWriter = (details: Record<string, unknown>) => Bilingual;

const NOTICES: Partial<Record<CaseEventKind, NoticeWriter>> = {
  admissibility_review_started: () => ({
    fr: 'Le référent a commencé à examiner la recevabilité de votre alerte.',
    en: 'The referent has started reviewing whether your alert is admissible.',
  }),
  document_added: (details) =>
    details['author'] === 'staff'
      ? { fr: 'Le référent vous a transmis un document.', en: 'The referent sent you a document.' }
      : { fr: 'Votre document a été transmis.', en: 'Your document was delivered.' },
  declared_admissible: () => ({
    fr: "Votre alerte a été jugée recevable : elle fait maintenant l'objet d'une enquête.",
    en: 'Your alert was found admissible: it is now being investigated.',
  }),
  declared_inadmissible: () => ({
    fr: 'Votre alerte a été jugée non recevable. Le motif vous est donné dans le message du référent.',
    en: "Your alert was found not admissible. The reason is given in the referent's message.",
  }),
  sent_to_committee: () => ({
    fr: 'Les suites à donner à votre alerte sont soumises à la décision collégiale du comité.',
    en: 'What follow-up your alert gets is now before the committee, which decides collectively.',
  }),
  returned_to_investigation: () => ({
    fr: "Le comité n'ayant pas pu se prononcer, le référent poursuit l'examen de votre alerte.",
    en: 'As the committee could not reach a decision, the referent continues to examine your alert.',
  }),
  closed: (details) => ({
    fr:
      details['outcome'] === 'follow_up'
        ? 'Le traitement de votre alerte est clos : des suites y ont été données. Votre avis de clôture signé est disponible.'
        : 'Le traitement de votre alerte est clos. Votre avis de clôture signé est disponible.',
    en:
      details['outcome'] === 'follow_up'
        ? 'The handling of your alert is closed: follow-up action was taken. Your signed closure notice is available.'
        : 'The handling of your alert is closed. Your signed closure notice is available.',
  }),
  identity_disclosed: (details) =>
    details['legalBasis'] === 'judicial_authority'
      ? {
          fr: "Votre identité a été communiquée à l'autorité judiciaire, comme la loi le permet (loi n° 2016-1691, art. 9). Le référent vous en explique les raisons par écrit.",
          en: 'Your identity was disclosed to the judicial authority, as the law allows (loi 2016-1691, art. 9). The referent explains why in writing.',
        }
      : {
          fr: 'Votre identité a été communiquée au-delà des destinataires de votre alerte, avec votre consentement.',
          en: 'Your identity was disclosed beyond the recipients of your alert, with your consent.',
        },
  meeting_requested: (details) => ({
    fr: `Vous avez demandé un entretien. Il doit vous être proposé au plus tard le ${longDate('fr-FR', String(details['dueOn']))}.`,
    en: `You asked for a meeting. It must be offered to you no later than ${longDate('en-GB', String(details['dueOn']))}.`,
  }),
  meeting_held: () => ({ fr: "L'entretien a eu lieu.", en: 'The meeting took place.' }),
};

/** The reporter's notice for an event, or null for events the reporter is not told of. */
export function reporterNotice(kind: CaseEventKind, details: Record<string, unknown>): Bilingual | null {
  return NOTICES[kind]?.(details) ?? null;
}
