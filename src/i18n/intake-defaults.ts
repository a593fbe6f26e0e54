// Built-in intake content in French and English, used until an organisation's admin sets its own.
import type { IntakeTexts } from '../../db/schema.ts';

export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

/** Categories an organisation starts with (loi 2016-1691 art. 6 scope), in display order. */
export const DEFAULT_CATEGORIES: readonly { code: string; label: Bilingual }[] = [
  {
    code: 'atteinte-probite',
    label: {
      fr: "Atteinte à la probité (corruption, trafic d'influence, favoritisme, détournement de fonds)",
      en: 'Breach of integrity (corruption, influence peddling, favouritism, embezzlement)',
    },
  },
  { code: 'conflit-interets', label: { fr: "Conflit d'intérêts, prise illégale d'intérêts", en: 'Conflict of interest, unlawful taking of interest' } },
  { code: 'crime-delit', label: { fr: 'Autre crime ou délit', en: 'Other crime or offence' } },
  {
    code: 'violation-regle',
    label: { fr: "Violation d'une loi, d'un règlement ou d'un engagement international", en: 'Breach of a law, a regulation or an international commitment' },
  },
  { code: 'interet-general', label: { fr: "Menace ou préjudice pour l'intérêt général", en: 'Threat or harm to the public interest' } },
  { code: 'sante-securite-environnement', label: { fr: 'Santé, sécurité, environnement', en: 'Health, safety, environment' } },
  { code: 'autre', label: { fr: 'Autre, ou je ne sais pas', en: "Other, or I don't know" } },
];

export const DEFAULT_INTAKE_TEXTS: Required<{ [K in keyof IntakeTexts]: Bilingual }> = {
  whoCanReport: {
    fr: "Peuvent signaler : les agents et anciens agents, les candidats à un emploi, les collaborateurs extérieurs et occasionnels, ainsi que les cocontractants et leurs salariés, lorsqu'ils ont eu connaissance, de bonne foi et sans contrepartie financière directe, d'un crime, d'un délit, d'une violation de la loi ou d'une menace pour l'intérêt général.",
    en: 'You may report if you are a current or former agent, a job applicant, an external or occasional collaborator, or a contractor or its employee, and you learned in good faith, without direct financial reward, of a crime, an offence, a breach of the law or a threat to the public interest.',
  },
  whatHappensNext: {
    fr: "Votre alerte est chiffrée dans votre navigateur : seules les personnes que vous choisissez parmi les destinataires peuvent la lire. Vous recevez aussitôt un accusé de réception signé, qui ne vaut pas décision sur la recevabilité. Le référent examine ensuite la recevabilité de votre signalement et vous informe, par votre boîte aux lettres, des mesures envisagées ou prises dans un délai de trois mois.",
    en: 'Your alert is encrypted in your browser: only the recipients you choose can read it. You immediately receive a signed acknowledgement of receipt, which is not a decision on admissibility. The referent then reviews whether your report is admissible and tells you, through your mailbox, within three months, what measures are envisaged or taken.',
  },
  rights: {
    fr: "Votre identité, celle des personnes visées et de tout tiers mentionné sont strictement confidentielles (loi n° 2016-1691, art. 9) : votre identité ne peut être divulguée qu'avec votre consentement, sauf à l'autorité judiciaire. Vous pouvez rester anonyme. Aucune mesure de représailles ne peut être prise contre vous pour un signalement de bonne foi. Vous pouvez aussi vous adresser à une autorité externe ou au Défenseur des droits.",
    en: 'Your identity, and that of the persons concerned and of any third party named, are strictly confidential (loi 2016-1691, art. 9): your identity may be disclosed only with your consent, except to the judicial authority. You may remain anonymous. No retaliation may be taken against you for a report made in good faith. You may also turn to an external authority or to the Défenseur des droits.',
  },
};

export const DEFAULT_ADMISSIBILITY_REVIEW_DAYS = 15;
