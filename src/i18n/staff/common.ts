// Texts every staff page shares (frame, navigation, session, errors), French first.
import type { Language } from '../reporter-pages.ts';

export interface StaffCommonTexts {
  readonly appName: string;
  readonly skipLink: string;
  readonly switchLanguage: string;
  readonly switchLanguageLabel: string;
  readonly switchLanguageLang: string;
  readonly footer: string;
  readonly noScript: string;
  readonly loading: string;
  readonly navLabel: string;
  readonly nav: { readonly cases: string; readonly committee: string; readonly dpo: string; readonly indicators: string; readonly admin: string; readonly account: string; readonly logout: string };
  readonly signedInAs: (name: string, organisation: string) => string;
  readonly sessionEnded: string;
  readonly loggedOut: string;
  readonly notFound: { readonly title: string; readonly text: string; readonly back: string };
  readonly forbidden: { readonly title: string; readonly text: string };
  readonly unexpected: string;
  readonly retry: string;
  readonly pageTitle: (page: string) => string;
}

export const STAFF_COMMON_TEXTS: Record<Language, StaffCommonTexts> = {
  fr: {
    appName: 'Vigie — espace des personnels',
    skipLink: 'Aller au contenu',
    switchLanguage: 'English',
    switchLanguageLabel: 'Read this page in English',
    switchLanguageLang: 'en',
    footer: 'Vigie : les signalements sont chiffrés de bout en bout ; ils ne sont lisibles que dans votre navigateur.',
    noScript: 'Cet espace chiffre et déchiffre les signalements dans votre navigateur : activez JavaScript pour l’utiliser.',
    loading: 'Chargement…',
    navLabel: 'Navigation principale',
    nav: { cases: 'Dossiers', committee: 'Comité', dpo: 'Conservation', indicators: 'Indicateurs', admin: 'Administration', account: 'Mon compte', logout: 'Se déconnecter' },
    signedInAs: (name, organisation) => `${name} — ${organisation}`,
    sessionEnded: 'Votre session a pris fin. Pour votre sécurité, les données déchiffrées ont été effacées de la page. Reconnectez-vous pour continuer.',
    loggedOut: 'Vous êtes déconnecté·e. Les données déchiffrées ont été effacées de la page.',
    notFound: { title: 'Page introuvable', text: 'Cette page n’existe pas, ou ce dossier ne vous est pas accessible.', back: 'Retour aux dossiers' },
    forbidden: { title: 'Accès non autorisé', text: 'Votre rôle ne donne pas accès à cette page.' },
    unexpected: 'Une erreur inattendue s’est produite. Réessayez ; si elle persiste, signalez-la à l’administrateur.',
    retry: 'Réessayer',
    pageTitle: (page) => `${page} — Vigie`,
  },
  en: {
    appName: 'Vigie — staff area',
    skipLink: 'Skip to content',
    switchLanguage: 'Français',
    switchLanguageLabel: 'Lire cette page en français',
    switchLanguageLang: 'fr',
    footer: 'Vigie: reports are encrypted end to end; they can be read in your browser only.',
    noScript: 'This area encrypts and decrypts reports in your browser: turn JavaScript on to use it.',
    loading: 'Loading…',
    navLabel: 'Main navigation',
    nav: { cases: 'Cases', committee: 'Committee', dpo: 'Retention', indicators: 'Indicators', admin: 'Administration', account: 'My account', logout: 'Log out' },
    signedInAs: (name, organisation) => `${name} — ${organisation}`,
    sessionEnded: 'Your session has ended. For your safety, decrypted data was wiped from the page. Log in again to go on.',
    loggedOut: 'You are logged out. Decrypted data was wiped from the page.',
    notFound: { title: 'Page not found', text: 'This page does not exist, or this case is not open to you.', back: 'Back to cases' },
    forbidden: { title: 'Not allowed', text: 'Your role does not give access to this page.' },
    unexpected: 'Something unexpected went wrong. Try again; if it goes on, tell your administrator.',
    retry: 'Try again',
    pageTitle: (page) => `${page} — Vigie`,
  },
};
