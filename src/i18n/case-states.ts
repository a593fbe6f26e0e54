// What each case state means for the reporter, in plain words (French first).
import type { CaseState } from '../../db/schema.ts';
import type { Bilingual } from './intake-defaults.ts';

export const REPORTER_STATE_EXPLANATIONS: Record<CaseState, Bilingual> = {
  received: {
    fr: "Votre alerte a bien été reçue. Un accusé de réception écrit vous sera remis dans les 7 jours ouvrés.",
    en: 'Your alert has been received. You will get a written acknowledgement within 7 working days.',
  },
  acknowledged: {
    fr: "Votre alerte a été reçue et l'accusé de réception signé est disponible ci-dessous. Le référent va examiner si elle est recevable ; cela ne préjuge pas de la suite.",
    en: 'Your alert has been received and the signed acknowledgement is available below. The referent will now check whether it is admissible; this says nothing yet about what follows.',
  },
  admissibility_review: {
    fr: "Le référent examine la recevabilité de votre alerte. Il peut vous poser des questions ici : revenez consulter cette boîte aux lettres.",
    en: 'The referent is reviewing whether your alert is admissible. They may ask you questions here: come back to this mailbox.',
  },
  inadmissible: {
    fr: "Votre alerte a été jugée non recevable. Le motif vous est expliqué dans les messages.",
    en: 'Your alert was found not admissible. The reason is explained in the messages.',
  },
  investigation: {
    fr: "Votre alerte est recevable et fait l'objet d'une enquête. Vous serez informé des mesures envisagées ou prises.",
    en: 'Your alert is admissible and is being investigated. You will be told of the measures envisaged or taken.',
  },
  committee_review: {
    fr: "Les suites à donner à votre alerte sont examinées collégialement par un comité.",
    en: 'A committee is deciding collectively what follow-up your alert gets.',
  },
  closed: {
    fr: "Le traitement de votre alerte est clos. L'avis de clôture vous explique pourquoi.",
    en: 'The handling of your alert is closed. The closure notice explains why.',
  },
};
