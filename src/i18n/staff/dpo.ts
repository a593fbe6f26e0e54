// Texts of the DPO views (retention overview, legal holds, purge log) and of the indicators, French first.
import type { CaseState } from '../../../db/schema.ts';
import type { Language } from '../reporter-pages.ts';

type Rule = 'R1' | 'R2' | 'R3';
type FollowUpKindLabel = 'disciplinary' | 'judicial_referral' | 'internal_measures' | 'unspecified';

export interface StaffDpoTexts {
  readonly retention: {
    readonly title: string;
    readonly policyHeading: string;
    readonly ruleLabel: Record<Rule, string>;
    readonly ruleWhen: (rule: Rule, months: number) => string;
    readonly today: string;
    readonly lastPurge: string;
    readonly noPurgeYet: string;
    readonly countsHeading: string;
    readonly countsCaption: string;
    readonly columnRule: string;
    readonly columnState: string;
    readonly columnCases: string;
    readonly noRule: string;
    readonly noCases: string;
    readonly upcomingHeading: (days: number) => string;
    readonly upcomingNone: string;
    readonly upcomingByRule: string;
    readonly ruleCount: (rule: string, count: number) => string;
    readonly upcomingCaption: string;
    readonly shownOf: (shown: number, total: number) => string;
    readonly columnDueOn: string;
    readonly columnReference: string;
    readonly columnHeld: string;
    readonly held: string;
    readonly notHeld: string;
    readonly overdueHeading: string;
    readonly overdueNone: string;
    readonly overdueSome: (count: number) => string;
    readonly overdueCaption: string;
    readonly holdsHeading: string;
    readonly holdsNone: string;
    readonly holdsCaption: string;
    readonly columnPurgeDue: string;
    readonly columnReason: string;
    readonly columnPlacedBy: string;
    readonly columnPlacedAt: string;
    readonly columnAction: string;
    readonly release: string;
    readonly releaseLabel: (reference: string) => string;
    readonly releaseConfirmText: (reference: string) => string;
    readonly releaseConfirm: string;
    readonly cancel: string;
    readonly released: (reference: string) => string;
    readonly placeHeading: string;
    readonly placeIntro: string;
    readonly caseSelect: string;
    readonly caseSelectHint: string;
    readonly caseSelectNone: string;
    readonly caseOption: (reference: string, rule: Rule, dueOn: string) => string;
    readonly caseId: string;
    readonly caseIdHint: string;
    readonly reason: string;
    readonly reasonHint: string;
    readonly place: string;
    readonly placed: (reference: string) => string;
    readonly caseRequired: string;
    readonly caseIdInvalid: string;
    readonly reasonRequired: string;
    readonly failed: string;
    readonly holdExists: string;
    readonly caseNotFound: string;
    readonly holdGone: string;
    readonly purgeLogLink: string;
  };
  readonly purgeLog: {
    readonly title: string;
    readonly intro: string;
    readonly filterHeading: string;
    readonly from: string;
    readonly to: string;
    readonly dateHint: string;
    readonly filter: string;
    readonly resetFilter: string;
    readonly caption: string;
    readonly columnPurgedAt: string;
    readonly columnReference: string;
    readonly columnCaseId: string;
    readonly columnRule: string;
    readonly columnDueOn: string;
    readonly empty: string;
    readonly next: string;
    readonly first: string;
    readonly paginationLabel: string;
    readonly download: string;
    readonly downloaded: string;
    readonly downloadFailed: string;
    readonly periodReversed: string;
    readonly backToOverview: string;
  };
  readonly indicators: {
    readonly title: string;
    readonly intro: string;
    readonly filterHeading: string;
    readonly fromMonth: string;
    readonly toMonth: string;
    readonly monthHint: string;
    readonly category: string;
    readonly allCategories: string;
    readonly show: string;
    readonly download: string;
    readonly downloaded: string;
    readonly downloadFailed: string;
    readonly periodInvalid: string;
    readonly periodSummary: (from: string, to: string, category: string | null) => string;
    readonly figuresHeading: string;
    readonly received: string;
    readonly inadmissible: string;
    readonly closedWithoutFollowUp: string;
    readonly closedWithFollowUp: string;
    readonly followUpKind: Record<FollowUpKindLabel, string>;
    /** The same, short enough for a chart's row label. */
    readonly followUpShort: Record<FollowUpKindLabel, string>;
    readonly medianShort: string;
    readonly p90Short: string;
    readonly open: string;
    readonly daysToAcknowledgement: string;
    readonly daysToClosure: string;
    readonly medianP90: (median: string, p90: string, cases: number) => string;
    readonly days: (value: number) => string;
    readonly none: string;
    readonly feedbackOnTime: string;
    readonly feedbackShare: (share: string, onTime: number, due: number) => string;
    readonly noFeedbackDue: string;
    readonly chartsHeading: string;
    readonly tableAlternative: string;
    readonly receivedChart: { readonly title: string; readonly desc: (total: number, months: number, peak: string) => string };
    readonly outcomesChart: { readonly title: string; readonly desc: string };
    readonly delaysChart: { readonly title: string; readonly desc: string };
    readonly feedbackChart: { readonly title: string; readonly desc: (share: string) => string };
    readonly columnMonth: string;
    readonly columnOutcome: string;
    readonly columnCases: string;
    readonly columnDelay: string;
    readonly median: string;
    readonly p90: string;
    readonly acknowledgement: string;
    readonly closure: string;
    readonly onTime: string;
    readonly late: string;
    readonly columnFeedback: string;
    readonly legend: (label: string, value: number) => string;
  };
  readonly stateLabel: Record<CaseState, string>;
}

const STATES_FR: Record<CaseState, string> = {
  received: 'Reçu',
  acknowledged: 'Accusé de réception envoyé',
  admissibility_review: 'Examen de recevabilité',
  inadmissible: 'Non recevable',
  investigation: 'Enquête',
  committee_review: 'Examen par le comité',
  closed: 'Clos',
};

const STATES_EN: Record<CaseState, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  admissibility_review: 'Admissibility review',
  inadmissible: 'Not admissible',
  investigation: 'Investigation',
  committee_review: 'Committee review',
  closed: 'Closed',
};

export const STAFF_DPO_TEXTS: Record<Language, StaffDpoTexts> = {
  fr: {
    retention: {
      title: 'Conservation des données',
      policyHeading: 'Règles de conservation en vigueur',
      ruleLabel: { R1: 'R1 — clos non recevable', R2: 'R2 — clos sans suite', R3: 'R3 — clos avec suites' },
      ruleWhen: (rule, months) =>
        rule === 'R1'
          ? 'supprimé sans délai, à la prochaine purge'
          : rule === 'R2'
            ? `supprimé ${months} mois après la clôture`
            : `supprimé à la fin des procédures, au plus tard ${months} mois après la clôture, sauf gel légal`,
      today: 'Date du jour',
      lastPurge: 'Dernière purge',
      noPurgeYet: 'aucune purge effectuée à ce jour',
      countsHeading: 'Dossiers par règle et par état',
      countsCaption: 'Nombre de dossiers par règle de conservation et par état',
      columnRule: 'Règle',
      columnState: 'État',
      columnCases: 'Dossiers',
      noRule: 'En cours (pas encore de règle)',
      noCases: 'Aucun dossier pour le moment.',
      upcomingHeading: (days) => `Purges prévues dans les ${days} prochains jours`,
      upcomingNone: 'Aucune purge prévue dans cette période.',
      upcomingByRule: 'Par règle',
      ruleCount: (rule, count) => `${rule} : ${count} dossier${count > 1 ? 's' : ''}`,
      upcomingCaption: 'Purges prévues, de la plus proche à la plus lointaine',
      shownOf: (shown, total) => `${shown} dossiers affichés sur ${total}.`,
      columnDueOn: 'Purge prévue le',
      columnReference: 'Dossier',
      columnHeld: 'Gel légal',
      held: 'gelé',
      notHeld: 'non',
      overdueHeading: 'Purges en retard',
      overdueNone: 'Aucune purge en retard : tout ce qui était échu a été supprimé.',
      overdueSome: (count) => `${count} dossier${count > 1 ? 's' : ''} aurai${count > 1 ? 'ent' : 't'} dû être supprimé${count > 1 ? 's' : ''}. Vérifiez l’exécution de la tâche de purge (npm run job -- purge --dry-run).`,
      overdueCaption: 'Purges échues et non effectuées',
      holdsHeading: 'Gels légaux en cours',
      holdsNone: 'Aucun gel légal en cours.',
      holdsCaption: 'Gels légaux en cours, avec leur motif',
      columnPurgeDue: 'Purge prévue',
      columnReason: 'Motif',
      columnPlacedBy: 'Posé par',
      columnPlacedAt: 'Posé le',
      columnAction: 'Action',
      release: 'Lever le gel',
      releaseLabel: (reference) => `Lever le gel du dossier ${reference}`,
      releaseConfirmText: (reference) => `Lever le gel du dossier ${reference} ? S’il est échu, le dossier sera supprimé à la prochaine purge.`,
      releaseConfirm: 'Confirmer la levée',
      cancel: 'Annuler',
      released: (reference) => `Le gel du dossier ${reference} est levé.`,
      placeHeading: 'Placer un gel légal',
      placeIntro: 'Un gel légal conserve un dossier au-delà de sa date de purge, le temps d’une procédure ou d’un recours. Le motif est obligatoire ; il est supprimé avec le dossier.',
      caseSelect: 'Dossier à purger prochainement',
      caseSelectHint: 'Les dossiers des listes ci-dessus qui ne sont pas déjà gelés.',
      caseSelectNone: '— choisir un dossier —',
      caseOption: (reference, rule, dueOn) => `${reference} (${rule}, purge le ${dueOn})`,
      caseId: 'Ou identifiant d’un autre dossier',
      caseIdHint: 'L’identifiant du dossier (UUID, 36 caractères) que vous a communiqué le référent ; s’il est saisi, il l’emporte sur la liste.',
      reason: 'Motif du gel',
      reasonHint: 'La procédure ou le recours qui justifie de conserver le dossier, par exemple « Appel en cours, CAA de Paris ».',
      place: 'Placer le gel',
      placed: (reference) => `Gel légal placé sur le dossier ${reference}.`,
      caseRequired: 'Choisissez un dossier dans la liste ou saisissez son identifiant.',
      caseIdInvalid: 'Cet identifiant n’a pas la forme attendue (UUID, 36 caractères).',
      reasonRequired: 'Indiquez le motif du gel.',
      failed: 'L’opération n’a pas abouti. Réessayez.',
      holdExists: 'Ce dossier est déjà sous gel légal : levez ce gel avant d’en placer un autre.',
      caseNotFound: 'Aucun dossier de votre organisation n’a cet identifiant (il a peut-être déjà été purgé).',
      holdGone: 'Ce gel n’est plus en cours : il a peut-être déjà été levé. Rechargez la page.',
      purgeLogLink: 'Voir le journal des purges',
    },
    purgeLog: {
      title: 'Journal des purges',
      intro: 'Chaque dossier supprimé au titre des règles de conservation, du plus récent au plus ancien. Aucune donnée personnelle : la référence, la règle et les dates.',
      filterHeading: 'Période',
      from: 'Du',
      to: 'Au (inclus)',
      dateHint: 'Jours de purge, bornes incluses ; laissez une date vide pour ne pas borner la période.',
      filter: 'Filtrer',
      resetFilter: 'Toute la période',
      caption: 'Dossiers purgés',
      columnPurgedAt: 'Purgé le',
      columnReference: 'Dossier',
      columnCaseId: 'Identifiant',
      columnRule: 'Règle',
      columnDueOn: 'Échéance',
      empty: 'Aucune purge dans cette période.',
      next: 'Entrées suivantes',
      first: 'Revenir aux plus récentes',
      paginationLabel: 'Pages du journal',
      download: 'Télécharger le journal (CSV)',
      downloaded: 'Le journal des purges a été téléchargé.',
      downloadFailed: 'Le téléchargement n’a pas abouti. Réessayez.',
      periodReversed: 'La date de début doit précéder la date de fin.',
      backToOverview: 'Retour à la conservation des données',
    },
    indicators: {
      title: 'Indicateurs',
      intro: 'Indicateurs de suivi du dispositif d’alerte, calculés sur les dossiers en cours et sur les dossiers supprimés (qui n’en laissent que des données statistiques).',
      filterHeading: 'Période et catégorie',
      fromMonth: 'Du mois',
      toMonth: 'Au mois (inclus)',
      monthHint: 'Mois de réception, format aaaa-mm',
      category: 'Catégorie',
      allCategories: 'Toutes les catégories',
      show: 'Afficher',
      download: 'Télécharger les indicateurs (CSV)',
      downloaded: 'Les indicateurs ont été téléchargés.',
      downloadFailed: 'Le téléchargement n’a pas abouti. Réessayez.',
      periodInvalid: 'Indiquez deux mois au format aaaa-mm, le premier avant le second.',
      periodSummary: (from, to, category) => `Alertes reçues de ${from} à ${to}${category ? `, catégorie « ${category} »` : ', toutes catégories'}.`,
      figuresHeading: 'Chiffres clés',
      received: 'Alertes reçues',
      inadmissible: 'Non recevables',
      closedWithoutFollowUp: 'Closes sans suite',
      closedWithFollowUp: 'Closes avec suites',
      followUpKind: { disciplinary: 'procédure disciplinaire', judicial_referral: 'signalement au procureur (art. 40 CPP)', internal_measures: 'mesures internes', unspecified: 'non précisé' },
      followUpShort: { disciplinary: 'Suites : disciplinaire', judicial_referral: 'Suites : art. 40 CPP', internal_measures: 'Suites : mesures internes', unspecified: 'Suites : non précisé' },
      medianShort: 'médiane',
      p90Short: '90e centile',
      open: 'En cours',
      daysToAcknowledgement: 'Délai d’accusé de réception',
      daysToClosure: 'Délai de clôture',
      medianP90: (median, p90, cases) => `médiane ${median}, 90 % en ${p90} au plus (${cases} dossier${cases > 1 ? 's' : ''})`,
      days: (value) => `${value} jour${value > 1 ? 's' : ''}`,
      none: '—',
      feedbackOnTime: 'Retour à l’auteur dans le délai légal',
      feedbackShare: (share, onTime, due) => `${share} (${onTime} sur ${due})`,
      noFeedbackDue: 'aucun retour encore dû',
      chartsHeading: 'Graphiques',
      tableAlternative: 'Données du graphique (tableau)',
      receivedChart: { title: 'Alertes reçues par mois', desc: (total, months, peak) => `${total} alertes reçues sur ${months} mois ; mois le plus chargé : ${peak}.` },
      outcomesChart: { title: 'Issue des alertes', desc: 'Nombre d’alertes par issue : non recevables, closes sans suite, closes avec suites par nature, en cours.' },
      delaysChart: { title: 'Délais d’accusé de réception et de clôture', desc: 'Médiane et 90e centile, en jours, du délai d’accusé de réception et du délai de clôture.' },
      feedbackChart: { title: 'Retours dans le délai légal', desc: (share) => `Part des retours à l’auteur faits dans le délai légal de trois mois : ${share}.` },
      columnMonth: 'Mois',
      columnOutcome: 'Issue',
      columnCases: 'Alertes',
      columnDelay: 'Délai',
      median: 'Médiane (jours)',
      p90: '90e centile (jours)',
      acknowledgement: 'Accusé de réception',
      closure: 'Clôture',
      onTime: 'Dans le délai',
      late: 'Hors délai',
      columnFeedback: 'Retours',
      legend: (label, value) => `${label} : ${value}`,
    },
    stateLabel: STATES_FR,
  },
  en: {
    retention: {
      title: 'Data retention',
      policyHeading: 'Retention rules in force',
      ruleLabel: { R1: 'R1 — closed as not admissible', R2: 'R2 — closed without follow-up', R3: 'R3 — closed with follow-up' },
      ruleWhen: (rule, months) =>
        rule === 'R1'
          ? 'deleted without delay, at the next purge'
          : rule === 'R2'
            ? `deleted ${months} months after closure`
            : `deleted when the proceedings end, at the latest ${months} months after closure, unless under a legal hold`,
      today: 'Today',
      lastPurge: 'Last purge',
      noPurgeYet: 'no purge so far',
      countsHeading: 'Cases by rule and state',
      countsCaption: 'Number of cases by retention rule and state',
      columnRule: 'Rule',
      columnState: 'State',
      columnCases: 'Cases',
      noRule: 'Open (no rule yet)',
      noCases: 'No cases yet.',
      upcomingHeading: (days) => `Purges due in the next ${days} days`,
      upcomingNone: 'No purge due in this period.',
      upcomingByRule: 'By rule',
      ruleCount: (rule, count) => `${rule}: ${count} case${count === 1 ? '' : 's'}`,
      upcomingCaption: 'Purges due, soonest first',
      shownOf: (shown, total) => `${shown} cases shown out of ${total}.`,
      columnDueOn: 'Purge due on',
      columnReference: 'Case',
      columnHeld: 'Legal hold',
      held: 'held',
      notHeld: 'no',
      overdueHeading: 'Overdue purges',
      overdueNone: 'No overdue purge: everything that was due has been deleted.',
      overdueSome: (count) => `${count} case${count > 1 ? 's' : ''} should have been deleted. Check that the purge job runs (npm run job -- purge --dry-run).`,
      overdueCaption: 'Purges due and not done',
      holdsHeading: 'Legal holds in force',
      holdsNone: 'No legal hold in force.',
      holdsCaption: 'Legal holds in force, with their reasons',
      columnPurgeDue: 'Purge due',
      columnReason: 'Reason',
      columnPlacedBy: 'Placed by',
      columnPlacedAt: 'Placed on',
      columnAction: 'Action',
      release: 'Release the hold',
      releaseLabel: (reference) => `Release the hold on case ${reference}`,
      releaseConfirmText: (reference) => `Release the hold on case ${reference}? If it is due, the case will be deleted at the next purge.`,
      releaseConfirm: 'Confirm the release',
      cancel: 'Cancel',
      released: (reference) => `The hold on case ${reference} is released.`,
      placeHeading: 'Place a legal hold',
      placeIntro: 'A legal hold keeps a case past its purge date while proceedings or an appeal need it. The reason is required; it is deleted with the case.',
      caseSelect: 'Case due for purging soon',
      caseSelectHint: 'The cases of the lists above that are not held already.',
      caseSelectNone: '— choose a case —',
      caseOption: (reference, rule, dueOn) => `${reference} (${rule}, purge on ${dueOn})`,
      caseId: 'Or the id of another case',
      caseIdHint: 'The case’s id (a UUID, 36 characters) the referent gave you; when typed, it wins over the list.',
      reason: 'Reason for the hold',
      reasonHint: 'The proceedings or appeal the case must be kept for, e.g. “Appeal pending, Paris administrative court of appeal”.',
      place: 'Place the hold',
      placed: (reference) => `Legal hold placed on case ${reference}.`,
      caseRequired: 'Choose a case from the list or type its id.',
      caseIdInvalid: 'This id does not have the expected shape (a UUID, 36 characters).',
      reasonRequired: 'Give the reason for the hold.',
      failed: 'That did not work. Try again.',
      holdExists: 'This case is already under a legal hold: release it before placing another.',
      caseNotFound: 'No case of your organisation has this id (it may have been purged already).',
      holdGone: 'This hold is no longer in force: it may have been released already. Reload the page.',
      purgeLogLink: 'See the purge log',
    },
    purgeLog: {
      title: 'Purge log',
      intro: 'Every case deleted under the retention rules, newest first. No personal data: the reference, the rule and the dates.',
      filterHeading: 'Period',
      from: 'From',
      to: 'To (inclusive)',
      dateHint: 'Days of purge, both included; leave a date empty for an open-ended period.',
      filter: 'Filter',
      resetFilter: 'Whole period',
      caption: 'Purged cases',
      columnPurgedAt: 'Purged on',
      columnReference: 'Case',
      columnCaseId: 'Id',
      columnRule: 'Rule',
      columnDueOn: 'Due on',
      empty: 'No purge in this period.',
      next: 'Next entries',
      first: 'Back to the newest',
      paginationLabel: 'Log pages',
      download: 'Download the log (CSV)',
      downloaded: 'The purge log was downloaded.',
      downloadFailed: 'The download did not work. Try again.',
      periodReversed: 'The start date must come before the end date.',
      backToOverview: 'Back to data retention',
    },
    indicators: {
      title: 'Indicators',
      intro: 'Indicators of the whistleblowing channel, computed from open cases and from deleted ones (which leave statistics only).',
      filterHeading: 'Period and category',
      fromMonth: 'From month',
      toMonth: 'To month (inclusive)',
      monthHint: 'Month of receipt, as yyyy-mm',
      category: 'Category',
      allCategories: 'All categories',
      show: 'Show',
      download: 'Download the indicators (CSV)',
      downloaded: 'The indicators were downloaded.',
      downloadFailed: 'The download did not work. Try again.',
      periodInvalid: 'Give two months as yyyy-mm, the first one before the second.',
      periodSummary: (from, to, category) => `Alerts received from ${from} to ${to}${category ? `, category “${category}”` : ', all categories'}.`,
      figuresHeading: 'Key figures',
      received: 'Alerts received',
      inadmissible: 'Not admissible',
      closedWithoutFollowUp: 'Closed without follow-up',
      closedWithFollowUp: 'Closed with follow-up',
      followUpKind: { disciplinary: 'disciplinary proceedings', judicial_referral: 'referral to the prosecutor (art. 40 CPP)', internal_measures: 'internal measures', unspecified: 'not stated' },
      followUpShort: { disciplinary: 'Follow-up: disciplinary', judicial_referral: 'Follow-up: art. 40 CPP', internal_measures: 'Follow-up: internal', unspecified: 'Follow-up: not stated' },
      medianShort: 'median',
      p90Short: '90th percentile',
      open: 'Open',
      daysToAcknowledgement: 'Time to acknowledgement',
      daysToClosure: 'Time to closure',
      medianP90: (median, p90, cases) => `median ${median}, 90% within ${p90} (${cases} case${cases > 1 ? 's' : ''})`,
      days: (value) => `${value} day${value === 1 ? '' : 's'}`,
      none: '—',
      feedbackOnTime: 'Feedback to the reporter within the legal delay',
      feedbackShare: (share, onTime, due) => `${share} (${onTime} of ${due})`,
      noFeedbackDue: 'no feedback due yet',
      chartsHeading: 'Charts',
      tableAlternative: 'Chart data (table)',
      receivedChart: { title: 'Alerts received per month', desc: (total, months, peak) => `${total} alerts received over ${months} months; busiest month: ${peak}.` },
      outcomesChart: { title: 'Outcome of the alerts', desc: 'Number of alerts per outcome: not admissible, closed without follow-up, closed with follow-up by kind, open.' },
      delaysChart: { title: 'Time to acknowledgement and to closure', desc: 'Median and 90th percentile, in days, of the time to acknowledgement and of the time to closure.' },
      feedbackChart: { title: 'Feedback within the legal delay', desc: (share) => `Share of feedback to the reporter given within the legal three months: ${share}.` },
      columnMonth: 'Month',
      columnOutcome: 'Outcome',
      columnCases: 'Alerts',
      columnDelay: 'Delay',
      median: 'Median (days)',
      p90: '90th percentile (days)',
      acknowledgement: 'Acknowledgement',
      closure: 'Closure',
      onTime: 'On time',
      late: 'Late',
      columnFeedback: 'Feedback',
      legend: (label, value) => `${label}: ${value}`,
    },
    stateLabel: STATES_EN,
  },
};
