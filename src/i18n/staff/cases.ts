// Texts of the referent's and committee's pages: case list, case page, committee votes. French first.
import type { CaseState } from '../../../db/schema.ts';
import type { Language } from '../reporter-pages.ts';

type Labels<K extends string> = Readonly<Record<K, string>>;

export type DeadlineStatusWord = 'met' | 'pending' | 'due_soon' | 'overdue';
export type ActionName =
  | 'acknowledge'
  | 'start_admissibility_review'
  | 'declare_admissible'
  | 'declare_inadmissible'
  | 'send_to_committee'
  | 'close_without_follow_up'
  | 'return_to_investigation';

export interface StaffCasesTexts {
  readonly states: Labels<CaseState>;
  readonly deadlineStatus: Labels<DeadlineStatusWord>;
  readonly outcomes: Labels<'inadmissible' | 'no_follow_up' | 'follow_up'>;
  readonly followUpKinds: Labels<'disciplinary' | 'judicial_referral' | 'internal_measures'>;
  readonly list: {
    readonly title: string;
    readonly intro: string;
    readonly caption: (count: number) => string;
    readonly columns: { readonly reference: string; readonly state: string; readonly category: string; readonly received: string; readonly ackDue: string; readonly feedbackDue: string; readonly unread: string };
    readonly unreadCount: (count: number) => string;
    readonly none: string;
    readonly filters: string;
    readonly stateFilter: string;
    readonly anyState: string;
    readonly overdueOnly: string;
    readonly sort: string;
    readonly newest: string;
    readonly oldest: string;
    readonly apply: string;
    readonly nextPage: string;
    readonly firstPage: string;
    readonly pages: string;
    readonly met: string;
  };
  readonly committeeList: { readonly title: string; readonly intro: string; readonly caption: (count: number) => string; readonly none: string; readonly sentOn: string };
  readonly page: {
    readonly title: (reference: string) => string;
    readonly back: string;
    readonly decrypting: string;
    readonly summary: string;
    readonly state: string;
    readonly category: string;
    readonly received: string;
    readonly identityMode: string;
    readonly anonymous: string;
    readonly confidential: string;
    readonly ackDue: string;
    readonly feedbackDue: string;
    readonly meetingDue: string;
    readonly newMessages: (count: number) => string;
    readonly report: string;
    readonly reportFields: { readonly whatHappened: string; readonly whenAndWhere: string; readonly whoIsInvolved: string; readonly howYouKnow: string; readonly othersAware: string; readonly identity: string; readonly language: string };
    readonly identityValue: (name: string, contact: string) => string;
    readonly empty: string;
  };
  readonly timeline: {
    readonly title: string;
    readonly kinds: Readonly<Record<string, string>>;
    readonly messageFrom: { readonly reporter: string; readonly staff: string; readonly feedback: string; readonly reason: string };
    readonly receipt: Labels<'acknowledgement' | 'closure'>;
    readonly by: (name: string) => string;
    readonly reporter: string;
    readonly service: string;
    readonly colleague: string;
    readonly you: string;
  };
  readonly messages: {
    readonly title: string;
    readonly none: string;
    readonly fromReporter: string;
    readonly fromStaff: (name: string) => string;
    readonly feedbackMarker: string;
    readonly reasonMarker: string;
    readonly reply: string;
    readonly replyLabel: string;
    readonly replyHint: string;
    readonly isFeedback: string;
    readonly isFeedbackHint: string;
    readonly send: string;
    readonly sent: string;
    readonly empty: string;
  };
  readonly actions: {
    readonly title: string;
    readonly none: string;
    readonly labels: Labels<ActionName>;
    readonly hints: Partial<Labels<ActionName>>;
    readonly reason: string;
    readonly reasonHint: string;
    readonly reasonMissing: string;
    readonly done: (state: string) => string;
    readonly committeeMembers: (count: number) => string;
    readonly noCommitteeMember: string;
  };
  readonly share: { readonly title: string; readonly intro: string; readonly colleague: string; readonly none: string; readonly submit: string; readonly done: (name: string) => string; readonly roles: Labels<'referent' | 'committee'> };
  readonly recusal: { readonly title: string; readonly intro: string; readonly confirm: string; readonly confirmNeeded: string; readonly submit: string; readonly done: string };
  readonly disclosure: {
    readonly title: string;
    readonly intro: string;
    readonly recorded: string;
    readonly none: string;
    readonly basis: string;
    readonly bases: Labels<'consent' | 'judicial_authority'>;
    readonly consent: string;
    readonly consentYes: string;
    readonly consentNo: string;
    readonly details: string;
    readonly detailsHint: string;
    readonly submit: string;
    readonly done: string;
    readonly entry: (date: string, basis: string, consent: string) => string;
  };
  readonly meeting: { readonly title: string; readonly requested: (date: string) => string; readonly held: (date: string) => string; readonly submit: string; readonly done: string };
  readonly closure: {
    readonly title: string;
    readonly closedOn: (date: string) => string;
    readonly outcome: string;
    readonly followUpKind: string;
    readonly notice: string;
    readonly noticeIntro: string;
    readonly addressee: string;
    readonly addresseeHint: string;
    readonly prepare: string;
    readonly print: string;
  };
  readonly retention: {
    readonly title: string;
    readonly rule: string;
    readonly rules: Labels<'R1' | 'R2' | 'R3'>;
    readonly open: string;
    readonly purgeDue: string;
    readonly hold: string;
    readonly holdPlaced: (date: string) => string;
    readonly noHold: string;
    readonly proceedingsEnded: string;
    readonly proceedingsEndedOn: string;
    readonly proceedingsHint: string;
    readonly record: string;
    readonly recorded: string;
  };
  readonly committee: {
    readonly title: string;
    readonly status: Labels<'decided' | 'awaiting_quorum' | 'no_majority' | 'deadlocked'>;
    readonly tallyCaption: string;
    readonly choices: Labels<'follow_up' | 'no_follow_up' | 'abstain'>;
    readonly eligible: string;
    readonly votesCast: string;
    readonly hiddenReasons: string;
    readonly yourVote: (choice: string, date: string) => string;
    readonly reasonsTitle: string;
    readonly voteTitle: string;
    readonly choice: string;
    readonly kind: string;
    readonly kindHint: string;
    readonly reason: string;
    readonly reasonHint: string;
    readonly submit: string;
    readonly kindMissing: string;
    readonly done: string;
    readonly member: (name: string) => string;
  };
  readonly failed: string;
  readonly working: string;
}

const fr: StaffCasesTexts = {
  states: {
    received: 'Reçu',
    acknowledged: 'Réception accusée',
    admissibility_review: 'Examen de recevabilité',
    inadmissible: 'Non recevable',
    investigation: 'Enquête',
    committee_review: 'Examen par le comité',
    closed: 'Clos',
  },
  deadlineStatus: { met: 'respecté', pending: 'à venir', due_soon: 'échéance proche', overdue: 'en retard' },
  outcomes: { inadmissible: 'Non recevable', no_follow_up: 'Clos sans suite', follow_up: 'Suites décidées' },
  followUpKinds: { disciplinary: 'Procédure disciplinaire', judicial_referral: 'Saisine de l’autorité judiciaire (article 40 CPP)', internal_measures: 'Mesures internes' },
  list: {
    title: 'Dossiers',
    intro: 'Les signalements qui vous ont été confiés. Leur contenu n’est déchiffré que dans votre navigateur, à l’ouverture du dossier.',
    caption: (count) => (count === 0 ? 'Aucun dossier' : `Dossiers (${count} sur cette page)`),
    columns: { reference: 'Référence', state: 'État', category: 'Catégorie', received: 'Reçu le', ackDue: 'Accusé de réception dû le', feedbackDue: 'Retour d’information dû le', unread: 'Messages non lus' },
    unreadCount: (count) => (count === 0 ? 'aucun' : count === 1 ? '1 nouveau message' : `${count} nouveaux messages`),
    none: 'Aucun dossier ne correspond.',
    filters: 'Filtrer et trier',
    stateFilter: 'État',
    anyState: 'Tous les états',
    overdueOnly: 'Seulement les dossiers en retard',
    sort: 'Ordre',
    newest: 'Reçus le plus récemment d’abord',
    oldest: 'Reçus le plus anciennement d’abord',
    apply: 'Afficher',
    nextPage: 'Page suivante',
    firstPage: 'Première page',
    pages: 'Pages de la liste',
    met: 'fait',
  },
  committeeList: {
    title: 'Comité : dossiers à voter',
    intro: 'Les dossiers soumis au comité sur lesquels vous n’avez pas encore voté.',
    caption: (count) => (count === 0 ? 'Aucun dossier en attente de votre vote' : `Dossiers en attente de votre vote (${count})`),
    none: 'Aucun dossier n’attend votre vote.',
    sentOn: 'Reçu le',
  },
  page: {
    title: (reference) => `Dossier ${reference}`,
    back: 'Retour aux dossiers',
    decrypting: 'Déchiffrement du dossier dans votre navigateur…',
    summary: 'Résumé',
    state: 'État',
    category: 'Catégorie',
    received: 'Reçu le',
    identityMode: 'Identité de l’auteur',
    anonymous: 'Anonyme',
    confidential: 'Confidentielle (connue des seuls destinataires)',
    ackDue: 'Accusé de réception dû le',
    feedbackDue: 'Retour d’information dû le',
    meetingDue: 'Entretien dû le',
    newMessages: (count) => (count === 1 ? '1 nouveau message de l’auteur depuis votre dernière visite.' : `${count} nouveaux messages de l’auteur depuis votre dernière visite.`),
    report: 'Signalement',
    reportFields: {
      whatHappened: 'Ce qui s’est passé',
      whenAndWhere: 'Quand et où',
      whoIsInvolved: 'Personnes en cause',
      howYouKnow: 'Comment l’auteur le sait',
      othersAware: 'Autres personnes informées',
      identity: 'Identité de l’auteur',
      language: 'Langue du signalement',
    },
    identityValue: (name, contact) => `${name} — ${contact}`,
    empty: '(non renseigné)',
  },
  timeline: {
    title: 'Chronologie',
    kinds: {
      received: 'Signalement reçu',
      acknowledged: 'Réception accusée',
      admissibility_review_started: 'Examen de recevabilité commencé',
      declared_admissible: 'Déclaré recevable',
      declared_inadmissible: 'Déclaré non recevable',
      sent_to_committee: 'Transmis au comité',
      returned_to_investigation: 'Repris en enquête',
      closed: 'Dossier clos',
      shared: 'Partagé avec un collègue',
      recused: 'Déport d’un membre',
      vote_cast: 'Vote du comité',
      committee_deadlocked: 'Comité sans décision',
      identity_disclosed: 'Divulgation d’identité enregistrée',
      meeting_requested: 'Entretien demandé par l’auteur',
      meeting_held: 'Entretien tenu',
      proceedings_ended: 'Fin des procédures enregistrée',
      legal_hold_placed: 'Conservation pour contentieux posée',
      legal_hold_released: 'Conservation pour contentieux levée',
      document_added: 'Pièce jointe ajoutée',
    },
    messageFrom: { reporter: 'Message de l’auteur', staff: 'Message à l’auteur', feedback: 'Retour d’information à l’auteur', reason: 'Motif communiqué à l’auteur' },
    receipt: { acknowledgement: 'Accusé de réception signé remis', closure: 'Avis de clôture signé remis' },
    by: (name) => `par ${name}`,
    reporter: 'l’auteur',
    service: 'le service',
    colleague: 'un collègue',
    you: 'vous',
  },
  messages: {
    title: 'Messages',
    none: 'Aucun message pour l’instant.',
    fromReporter: 'L’auteur du signalement',
    fromStaff: (name) => name,
    feedbackMarker: 'Retour d’information',
    reasonMarker: 'Motif',
    reply: 'Écrire à l’auteur',
    replyLabel: 'Votre message',
    replyHint: 'Chiffré dans votre navigateur ; l’auteur le lira dans sa boîte aux lettres.',
    isFeedback: 'Ce message est un retour d’information',
    isFeedbackHint: 'Informations sur les mesures envisagées ou prises : le premier retour d’information respecte le délai de trois mois.',
    send: 'Envoyer',
    sent: 'Message envoyé.',
    empty: 'Écrivez un message avant de l’envoyer.',
  },
  actions: {
    title: 'Décisions possibles',
    none: 'Aucune décision n’est possible pour vous à ce stade.',
    labels: {
      acknowledge: 'Accuser réception',
      start_admissibility_review: 'Commencer l’examen de recevabilité',
      declare_admissible: 'Déclarer recevable',
      declare_inadmissible: 'Déclarer non recevable',
      send_to_committee: 'Transmettre au comité',
      close_without_follow_up: 'Clore sans suite',
      return_to_investigation: 'Reprendre en enquête',
    },
    hints: {
      acknowledge: 'Un accusé de réception signé est remis à l’auteur ; il ne préjuge pas de la recevabilité.',
      declare_inadmissible: 'Le dossier est clos ; le motif est communiqué à l’auteur.',
      send_to_committee: 'La clé du dossier est partagée, dans votre navigateur, avec les membres du comité.',
      close_without_follow_up: 'Faits non établis ou sans objet : le dossier est clos ; le motif est communiqué à l’auteur.',
    },
    reason: 'Motif (communiqué à l’auteur)',
    reasonHint: 'Chiffré dans votre navigateur.',
    reasonMissing: 'Indiquez le motif : il est obligatoire pour cette décision.',
    done: (state) => `C’est fait. Le dossier est maintenant : ${state}.`,
    committeeMembers: (count) => (count === 1 ? '1 membre du comité recevra le dossier.' : `${count} membres du comité recevront le dossier.`),
    noCommitteeMember: 'Aucun membre du comité ne peut recevoir ce dossier pour l’instant.',
  },
  share: {
    title: 'Partager avec un collègue',
    intro: 'La clé du dossier est chiffrée, dans votre navigateur, pour la personne choisie.',
    colleague: 'Collègue',
    none: 'Aucun autre collègue ne peut recevoir ce dossier.',
    submit: 'Partager',
    done: (name) => `Dossier partagé avec ${name}.`,
    roles: { referent: 'référent', committee: 'comité' },
  },
  recusal: {
    title: 'Se déporter',
    intro: 'Si le signalement vous concerne ou si vous avez un conflit d’intérêts, déportez-vous : vous n’aurez plus accès au dossier.',
    confirm: 'Je confirme me déporter et perdre l’accès à ce dossier',
    confirmNeeded: 'Cochez la case de confirmation pour vous déporter.',
    submit: 'Me déporter',
    done: 'Vous vous êtes déporté·e : ce dossier ne vous est plus accessible.',
  },
  disclosure: {
    title: 'Divulgation de l’identité de l’auteur',
    intro: 'Toute communication de l’identité de l’auteur au-delà des destinataires est enregistrée avec sa base légale ; l’auteur en est informé par écrit.',
    recorded: 'Divulgations enregistrées',
    none: 'Aucune divulgation enregistrée.',
    basis: 'Base légale',
    bases: { consent: 'Consentement de l’auteur', judicial_authority: 'Demande de l’autorité judiciaire' },
    consent: 'Consentement de l’auteur',
    consentYes: 'Recueilli',
    consentNo: 'Non recueilli',
    details: 'À qui et pourquoi',
    detailsHint: 'Chiffré dans votre navigateur ; lisible des seuls destinataires du dossier.',
    submit: 'Enregistrer la divulgation',
    done: 'Divulgation enregistrée.',
    entry: (date, basis, consent) => `${date} — ${basis} — consentement : ${consent}`,
  },
  meeting: {
    title: 'Entretien',
    requested: (date) => `L’auteur a demandé un entretien le ${date}.`,
    held: (date) => `Entretien tenu le ${date}.`,
    submit: 'Enregistrer que l’entretien a eu lieu',
    done: 'Entretien enregistré.',
  },
  closure: {
    title: 'Clôture',
    closedOn: (date) => `Dossier clos le ${date}.`,
    outcome: 'Issue',
    followUpKind: 'Nature des suites',
    notice: 'Information des personnes concernées',
    noticeIntro: 'Préparez l’avis destiné aux personnes visées par le signalement. Il est composé dans votre navigateur et n’est pas envoyé au serveur ; il ne mentionne jamais l’auteur.',
    addressee: 'Destinataire de l’avis',
    addresseeHint: 'Nom et fonction de la personne concernée.',
    prepare: 'Préparer l’avis',
    print: 'Imprimer l’avis',
  },
  retention: {
    title: 'Conservation',
    rule: 'Règle',
    rules: {
      R1: 'R1 — non recevable : suppression sans délai',
      R2: 'R2 — clos sans suite : suppression deux mois après la clôture',
      R3: 'R3 — suites décidées : suppression à la fin des procédures, au plus tard six ans après la clôture',
    },
    open: 'Dossier en cours : la conservation commence à la clôture.',
    purgeDue: 'Suppression prévue le',
    hold: 'Conservation pour contentieux',
    holdPlaced: (date) => `Posée le ${date} par le délégué à la protection des données : le dossier n’est pas supprimé.`,
    noHold: 'Aucune',
    proceedingsEnded: 'Fin des procédures',
    proceedingsEndedOn: 'Date de fin des procédures',
    proceedingsHint: 'Le dossier est supprimé à cette date (sauf conservation pour contentieux).',
    record: 'Enregistrer la fin des procédures',
    recorded: 'Fin des procédures enregistrée.',
  },
  committee: {
    title: 'Vote du comité',
    status: { decided: 'Décision prise', awaiting_quorum: 'En attente du quorum', no_majority: 'Pas de majorité pour l’instant', deadlocked: 'Comité sans décision possible' },
    tallyCaption: 'Décompte des votes (nombres seulement)',
    choices: { follow_up: 'Donner des suites', no_follow_up: 'Ne pas donner de suite', abstain: 'Abstention' },
    eligible: 'Membres appelés à voter',
    votesCast: 'Votes exprimés',
    hiddenReasons: 'Les motifs des autres membres restent cachés jusqu’à la décision.',
    yourVote: (choice, date) => `Votre vote : ${choice} (${date}).`,
    reasonsTitle: 'Motifs des votes',
    voteTitle: 'Votre vote',
    choice: 'Votre choix',
    kind: 'Nature des suites',
    kindHint: 'Obligatoire si vous votez pour des suites.',
    reason: 'Motif de votre vote',
    reasonHint: 'Chiffré dans votre navigateur ; les autres membres le liront après la décision.',
    submit: 'Voter',
    kindMissing: 'Choisissez la nature des suites.',
    done: 'Votre vote est enregistré.',
    member: (name) => name,
  },
  failed: 'L’opération a échoué. Réessayez.',
  working: 'Chiffrement et envoi…',
};

const en: StaffCasesTexts = {
  states: {
    received: 'Received',
    acknowledged: 'Acknowledged',
    admissibility_review: 'Admissibility review',
    inadmissible: 'Not admissible',
    investigation: 'Investigation',
    committee_review: 'Committee review',
    closed: 'Closed',
  },
  deadlineStatus: { met: 'met', pending: 'upcoming', due_soon: 'due soon', overdue: 'overdue' },
  outcomes: { inadmissible: 'Not admissible', no_follow_up: 'Closed with no follow-up', follow_up: 'Follow-up decided' },
  followUpKinds: { disciplinary: 'Disciplinary proceedings', judicial_referral: 'Referral to the judicial authority (article 40 CPP)', internal_measures: 'Internal measures' },
  list: {
    title: 'Cases',
    intro: 'The reports given to you. Their content is decrypted in your browser only, when you open a case.',
    caption: (count) => (count === 0 ? 'No cases' : `Cases (${count} on this page)`),
    columns: { reference: 'Reference', state: 'State', category: 'Category', received: 'Received', ackDue: 'Acknowledgement due', feedbackDue: 'Feedback due', unread: 'Unread messages' },
    unreadCount: (count) => (count === 0 ? 'none' : count === 1 ? '1 new message' : `${count} new messages`),
    none: 'No case matches.',
    filters: 'Filter and sort',
    stateFilter: 'State',
    anyState: 'Any state',
    overdueOnly: 'Overdue cases only',
    sort: 'Order',
    newest: 'Most recently received first',
    oldest: 'Oldest received first',
    apply: 'Show',
    nextPage: 'Next page',
    firstPage: 'First page',
    pages: 'List pages',
    met: 'done',
  },
  committeeList: {
    title: 'Committee: cases to vote on',
    intro: 'Cases sent to the committee on which you have not voted yet.',
    caption: (count) => (count === 0 ? 'No case awaiting your vote' : `Cases awaiting your vote (${count})`),
    none: 'No case is awaiting your vote.',
    sentOn: 'Received',
  },
  page: {
    title: (reference) => `Case ${reference}`,
    back: 'Back to cases',
    decrypting: 'Decrypting the case in your browser…',
    summary: 'Summary',
    state: 'State',
    category: 'Category',
    received: 'Received',
    identityMode: 'Reporter’s identity',
    anonymous: 'Anonymous',
    confidential: 'Confidential (known to the recipients only)',
    ackDue: 'Acknowledgement due',
    feedbackDue: 'Feedback due',
    meetingDue: 'Meeting due',
    newMessages: (count) => (count === 1 ? '1 new message from the reporter since your last visit.' : `${count} new messages from the reporter since your last visit.`),
    report: 'Report',
    reportFields: {
      whatHappened: 'What happened',
      whenAndWhere: 'When and where',
      whoIsInvolved: 'People involved',
      howYouKnow: 'How the reporter knows',
      othersAware: 'Others aware',
      identity: 'Reporter’s identity',
      language: 'Language of the report',
    },
    identityValue: (name, contact) => `${name} — ${contact}`,
    empty: '(not given)',
  },
  timeline: {
    title: 'Timeline',
    kinds: {
      received: 'Report received',
      acknowledged: 'Acknowledged',
      admissibility_review_started: 'Admissibility review started',
      declared_admissible: 'Declared admissible',
      declared_inadmissible: 'Declared not admissible',
      sent_to_committee: 'Sent to the committee',
      returned_to_investigation: 'Taken back into investigation',
      closed: 'Case closed',
      shared: 'Shared with a colleague',
      recused: 'A member recused',
      vote_cast: 'Committee vote',
      committee_deadlocked: 'Committee deadlocked',
      identity_disclosed: 'Identity disclosure recorded',
      meeting_requested: 'Meeting requested by the reporter',
      meeting_held: 'Meeting held',
      proceedings_ended: 'End of proceedings recorded',
      legal_hold_placed: 'Legal hold placed',
      legal_hold_released: 'Legal hold released',
      document_added: 'Document added',
    },
    messageFrom: { reporter: 'Message from the reporter', staff: 'Message to the reporter', feedback: 'Feedback to the reporter', reason: 'Reason given to the reporter' },
    receipt: { acknowledgement: 'Signed acknowledgement issued', closure: 'Signed closure notice issued' },
    by: (name) => `by ${name}`,
    reporter: 'the reporter',
    service: 'the service',
    colleague: 'a colleague',
    you: 'you',
  },
  messages: {
    title: 'Messages',
    none: 'No messages yet.',
    fromReporter: 'The reporter',
    fromStaff: (name) => name,
    feedbackMarker: 'Feedback',
    reasonMarker: 'Reason',
    reply: 'Write to the reporter',
    replyLabel: 'Your message',
    replyHint: 'Encrypted in your browser; the reporter reads it in their mailbox.',
    isFeedback: 'This message is feedback (retour d’information)',
    isFeedbackHint: 'On the measures envisaged or taken: the first feedback meets the three-month deadline.',
    send: 'Send',
    sent: 'Message sent.',
    empty: 'Write a message before sending it.',
  },
  actions: {
    title: 'Decisions open to you',
    none: 'No decision is open to you at this stage.',
    labels: {
      acknowledge: 'Acknowledge receipt',
      start_admissibility_review: 'Start the admissibility review',
      declare_admissible: 'Declare admissible',
      declare_inadmissible: 'Declare not admissible',
      send_to_committee: 'Send to the committee',
      close_without_follow_up: 'Close with no follow-up',
      return_to_investigation: 'Take back into investigation',
    },
    hints: {
      acknowledge: 'The reporter gets a signed acknowledgement; it says nothing about admissibility.',
      declare_inadmissible: 'The case is closed; the reason is given to the reporter.',
      send_to_committee: 'The case key is shared, in your browser, with the committee members.',
      close_without_follow_up: 'Facts not established or moot: the case is closed; the reason is given to the reporter.',
    },
    reason: 'Reason (given to the reporter)',
    reasonHint: 'Encrypted in your browser.',
    reasonMissing: 'Give the reason: this decision needs one.',
    done: (state) => `Done. The case is now: ${state}.`,
    committeeMembers: (count) => (count === 1 ? '1 committee member will receive the case.' : `${count} committee members will receive the case.`),
    noCommitteeMember: 'No committee member can receive this case for now.',
  },
  share: {
    title: 'Share with a colleague',
    intro: 'The case key is encrypted, in your browser, for the person you choose.',
    colleague: 'Colleague',
    none: 'No other colleague can receive this case.',
    submit: 'Share',
    done: (name) => `Case shared with ${name}.`,
    roles: { referent: 'referent', committee: 'committee' },
  },
  recusal: {
    title: 'Recuse yourself',
    intro: 'If the report concerns you or you have a conflict of interest, recuse yourself: you will lose access to the case.',
    confirm: 'I confirm I recuse myself and lose access to this case',
    confirmNeeded: 'Tick the confirmation box to recuse yourself.',
    submit: 'Recuse myself',
    done: 'You recused yourself: this case is no longer open to you.',
  },
  disclosure: {
    title: 'Disclosure of the reporter’s identity',
    intro: 'Any disclosure of the reporter’s identity beyond the recipients is recorded with its legal basis; the reporter is told in writing.',
    recorded: 'Disclosures recorded',
    none: 'No disclosure recorded.',
    basis: 'Legal basis',
    bases: { consent: 'The reporter’s consent', judicial_authority: 'Request of the judicial authority' },
    consent: 'Reporter’s consent',
    consentYes: 'Given',
    consentNo: 'Not given',
    details: 'To whom and why',
    detailsHint: 'Encrypted in your browser; readable by the case’s recipients only.',
    submit: 'Record the disclosure',
    done: 'Disclosure recorded.',
    entry: (date, basis, consent) => `${date} — ${basis} — consent: ${consent}`,
  },
  meeting: {
    title: 'Meeting',
    requested: (date) => `The reporter asked for a meeting on ${date}.`,
    held: (date) => `Meeting held on ${date}.`,
    submit: 'Record that the meeting took place',
    done: 'Meeting recorded.',
  },
  closure: {
    title: 'Closure',
    closedOn: (date) => `Case closed on ${date}.`,
    outcome: 'Outcome',
    followUpKind: 'Kind of follow-up',
    notice: 'Notice to the persons concerned',
    noticeIntro: 'Prepare the notice for the persons the report concerns. It is put together in your browser and never sent to the server; it never names the reporter.',
    addressee: 'Addressee of the notice',
    addresseeHint: 'Name and position of the person concerned.',
    prepare: 'Prepare the notice',
    print: 'Print the notice',
  },
  retention: {
    title: 'Retention',
    rule: 'Rule',
    rules: {
      R1: 'R1 — not admissible: deleted without delay',
      R2: 'R2 — closed with no follow-up: deleted two months after closure',
      R3: 'R3 — follow-up decided: deleted when the proceedings end, at the latest six years after closure',
    },
    open: 'Open case: retention starts at closure.',
    purgeDue: 'Deletion due on',
    hold: 'Legal hold',
    holdPlaced: (date) => `Placed on ${date} by the data protection officer: the case is not deleted.`,
    noHold: 'None',
    proceedingsEnded: 'End of proceedings',
    proceedingsEndedOn: 'Day the proceedings ended',
    proceedingsHint: 'The case is deleted on that day (unless a legal hold is set).',
    record: 'Record the end of proceedings',
    recorded: 'End of proceedings recorded.',
  },
  committee: {
    title: 'Committee vote',
    status: { decided: 'Decided', awaiting_quorum: 'Awaiting quorum', no_majority: 'No majority yet', deadlocked: 'Committee deadlocked' },
    tallyCaption: 'Vote count (numbers only)',
    choices: { follow_up: 'Follow up', no_follow_up: 'No follow-up', abstain: 'Abstain' },
    eligible: 'Members called to vote',
    votesCast: 'Votes cast',
    hiddenReasons: 'Other members’ reasons stay hidden until the decision.',
    yourVote: (choice, date) => `Your vote: ${choice} (${date}).`,
    reasonsTitle: 'Reasons for the votes',
    voteTitle: 'Your vote',
    choice: 'Your choice',
    kind: 'Kind of follow-up',
    kindHint: 'Needed when you vote for follow-up.',
    reason: 'Reason for your vote',
    reasonHint: 'Encrypted in your browser; the other members read it after the decision.',
    submit: 'Vote',
    kindMissing: 'Choose the kind of follow-up.',
    done: 'Your vote is recorded.',
    member: (name) => name,
  },
  failed: 'That did not work. Try again.',
  working: 'Encrypting and sending…',
};

export const STAFF_CASES_TEXTS: Record<Language, StaffCasesTexts> = { fr, en };
