// The staff notification mails, French and English. They say which organisation, what kind of
// event and where to log in; never which case, its reference, category, content or anyone's identity.
import type { NotificationKind } from '../../../db/schema.ts';

type Language = 'fr' | 'en';

const EVENTS: Record<NotificationKind, Record<Language, { subject: string; line: string }>> = {
  new_alert: {
    fr: { subject: 'nouvelle alerte', line: 'Une nouvelle alerte vous a été adressée.' },
    en: { subject: 'new alert', line: 'A new alert was addressed to you.' },
  },
  reporter_message: {
    fr: { subject: 'nouveau message', line: 'L’auteur d’une alerte que vous suivez a écrit un message.' },
    en: { subject: 'new message', line: 'The reporter of an alert you follow wrote a message.' },
  },
  case_shared: {
    fr: { subject: 'dossier partagé avec vous', line: 'Un collègue a partagé un dossier avec vous.' },
    en: { subject: 'case shared with you', line: 'A colleague shared a case with you.' },
  },
  vote_requested: {
    fr: { subject: 'vote du comité demandé', line: 'Le comité est appelé à se prononcer sur un dossier : votre vote est attendu.' },
    en: { subject: 'committee vote requested', line: 'The committee is asked to decide on a case: your vote is awaited.' },
  },
  deadline_due_soon: {
    fr: { subject: 'délai proche', line: 'Un délai d’un de vos dossiers arrive à échéance dans les deux jours ouvrés.' },
    en: { subject: 'deadline approaching', line: 'A deadline on one of your cases falls due within two working days.' },
  },
  deadline_missed: {
    fr: { subject: 'délai dépassé', line: 'Un délai d’un de vos dossiers est dépassé.' },
    en: { subject: 'deadline missed', line: 'A deadline on one of your cases was missed.' },
  },
  invitation: {
    fr: { subject: 'invitation', line: 'Vous êtes invité(e) à rejoindre l’espace des personnels de Vigie.' },
    en: { subject: 'invitation', line: 'You are invited to join the Vigie staff area.' },
  },
  passphrase_changed: {
    fr: { subject: 'phrase de passe changée', line: 'La phrase de passe de votre compte Vigie vient d’être changée. Si ce n’est pas vous, prévenez sans attendre l’administrateur de votre organisation.' },
    en: { subject: 'passphrase changed', line: 'The passphrase of your Vigie account was just changed. If it was not you, tell your organisation’s administrator at once.' },
  },
};

const FRAME: Record<Language, { login: (link: string) => string; activate: (link: string) => string; nothingMore: string; digest: string; digestSubject: string }> = {
  fr: {
    activate: (link) =>
      `Pour activer votre compte, ouvrez ce lien (il ne sert qu’une fois et expire dans quelques jours) :\n${link}\n\nSi vous n’attendiez pas cette invitation, ne l’ouvrez pas et prévenez l’administrateur de votre organisation.`,
    login: (link) => `Connectez-vous à l’espace des personnels pour en savoir plus :\n${link}`,
    nothingMore: 'Par sécurité, ce message n’en dit pas plus : ni dossier, ni catégorie, ni contenu.',
    digest: 'Depuis le dernier récapitulatif :',
    digestSubject: 'récapitulatif du jour',
  },
  en: {
    activate: (link) => `To activate your account, open this link (it works once and expires within days):\n${link}\n\nIf you did not expect this invitation, do not open it and tell your organisation’s administrator.`,
    login: (link) => `Log in to the staff area to know more:\n${link}`,
    nothingMore: 'For safety, this message says no more: no case, no category, no content.',
    digest: 'Since the last summary:',
    digestSubject: 'daily summary',
  },
};

export interface NotificationMail {
  readonly subject: string;
  readonly text: string;
}

/** `activationLink`: an invitation's, which then replaces the login link. */
export function notificationMail(kind: NotificationKind, language: Language, organisationName: string, link: string, activationLink: string | null = null): NotificationMail {
  const event = EVENTS[kind][language];
  const frame = FRAME[language];
  const action = activationLink ? frame.activate(activationLink) : frame.login(link);
  return { subject: `Vigie — ${organisationName} : ${event.subject}`, text: `${event.line}\n\n${action}\n\n${frame.nothingMore}\n\n— Vigie, ${organisationName}\n` };
}

/** One mail for a day's events: each kind once, with how many times it happened. */
export function digestMail(counts: ReadonlyMap<NotificationKind, number>, language: Language, organisationName: string, link: string): NotificationMail {
  const frame = FRAME[language];
  const lines = [...counts].map(([kind, count]) => `- ${EVENTS[kind][language].line}${count > 1 ? ` (×${count})` : ''}`);
  return { subject: `Vigie — ${organisationName} : ${frame.digestSubject}`, text: `${frame.digest}\n${lines.join('\n')}\n\n${frame.login(link)}\n\n${frame.nothingMore}\n\n— Vigie, ${organisationName}\n` };
}
