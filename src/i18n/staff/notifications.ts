// Texts of the staff member's own notifications, French first: the choice on the account page and
// the recent ones on the cases page. Like the mails, the sentences name no case.
import type { NotificationKind, NotificationMode } from '../../../db/schema.ts';
import type { Language } from '../reporter-pages.ts';

/** The kinds the pages put into words (the API answers only these to a staff member). */
export type ShownNotificationKind = Extract<NotificationKind, 'new_alert' | 'reporter_message' | 'case_shared' | 'vote_requested' | 'deadline_due_soon' | 'deadline_missed' | 'passphrase_changed'>;

export interface StaffNotificationTexts {
  readonly settings: {
    readonly title: string;
    readonly intro: string;
    readonly legend: string;
    readonly modes: Readonly<Record<NotificationMode, string>>;
    readonly mailOff: string;
    readonly submit: string;
    readonly working: string;
    readonly saved: (mode: NotificationMode) => string;
    readonly failed: string;
    readonly recentTitle: string;
    readonly noneRecent: string;
  };
  readonly recent: {
    readonly title: string;
    readonly mailOff: string;
    readonly unavailable: string;
    readonly sentences: Readonly<Record<ShownNotificationKind, string>>;
  };
}

export const STAFF_NOTIFICATION_TEXTS: Record<Language, StaffNotificationTexts> = {
  fr: {
    settings: {
      title: 'Notifications',
      intro: 'Vous êtes prévenu·e d’une nouvelle alerte, d’un message de l’auteur, d’un dossier partagé, d’un vote du comité et des délais. Les e-mails ne disent rien du dossier.',
      legend: 'Recevoir les notifications',
      modes: { immediate: 'Par e-mail, à chaque événement', digest: 'Un récapitulatif par jour' },
      mailOff: 'L’envoi d’e-mails n’est pas configuré sur ce service : vos notifications apparaissent seulement ici et sur la page des dossiers.',
      submit: 'Enregistrer ce choix',
      working: 'Enregistrement de votre choix…',
      saved: (mode) => (mode === 'digest' ? 'Choix enregistré : un récapitulatif par jour.' : 'Choix enregistré : un e-mail à chaque événement.'),
      failed: 'Votre choix n’a pas pu être enregistré. Réessayez.',
      recentTitle: 'Vos notifications des quatorze derniers jours',
      noneRecent: 'Aucune notification ces quatorze derniers jours.',
    },
    recent: {
      title: 'Notifications',
      mailOff: 'L’envoi d’e-mails n’est pas configuré sur ce service : vos notifications apparaissent seulement ici et sur la page de votre compte.',
      unavailable: 'Vos notifications n’ont pas pu être chargées. Rechargez la page pour réessayer.',
      sentences: {
        new_alert: 'Une nouvelle alerte vous a été adressée.',
        reporter_message: 'L’auteur d’une alerte que vous suivez a écrit un message.',
        case_shared: 'Un collègue a partagé un dossier avec vous.',
        vote_requested: 'Le comité est appelé à se prononcer sur un dossier : votre vote est attendu.',
        deadline_due_soon: 'Un délai d’un de vos dossiers arrive à échéance dans les deux jours ouvrés.',
        deadline_missed: 'Un délai d’un de vos dossiers est dépassé.',
        passphrase_changed: 'La phrase de passe de votre compte a été changée.',
      },
    },
  },
  en: {
    settings: {
      title: 'Notifications',
      intro: 'You are told of a new alert, a message from the reporter, a case shared with you, a committee vote and deadlines. The e-mails say nothing of the case.',
      legend: 'Receive notifications',
      modes: { immediate: 'By e-mail, at each event', digest: 'One summary a day' },
      mailOff: 'Sending e-mail is not set up on this service: your notifications only appear here and on the cases page.',
      submit: 'Save this choice',
      working: 'Saving your choice…',
      saved: (mode) => (mode === 'digest' ? 'Choice saved: one summary a day.' : 'Choice saved: an e-mail at each event.'),
      failed: 'Your choice could not be saved. Try again.',
      recentTitle: 'Your notifications of the last fourteen days',
      noneRecent: 'No notification in the last fourteen days.',
    },
    recent: {
      title: 'Notifications',
      mailOff: 'Sending e-mail is not set up on this service: your notifications only appear here and on your account page.',
      unavailable: 'Your notifications could not be loaded. Reload the page to try again.',
      sentences: {
        new_alert: 'A new alert was addressed to you.',
        reporter_message: 'The reporter of an alert you follow wrote a message.',
        case_shared: 'A colleague shared a case with you.',
        vote_requested: 'The committee is asked to decide on a case: your vote is awaited.',
        deadline_due_soon: 'A deadline on one of your cases falls due within two working days.',
        deadline_missed: 'A deadline on one of your cases was missed.',
        passphrase_changed: 'The passphrase of your account was changed.',
      },
    },
  },
};
