// Texts of the account pages (login, unlock, activation, my account, logout), French first.
import type { Language } from '../reporter-pages.ts';

export type StrengthLevel = 'empty' | 'weak' | 'fair' | 'strong' | 'very-strong';

export interface StaffAccountTexts {
  readonly login: {
    readonly title: string;
    readonly intro: string;
    readonly organisation: string;
    readonly organisationHint: string;
    readonly email: string;
    readonly passphrase: string;
    readonly totp: string;
    readonly totpHint: string;
    readonly submit: string;
    readonly working: string;
    readonly activateHint: string;
  };
  readonly unlock: {
    readonly title: string;
    readonly sectionTitle: string;
    readonly intro: (name: string, organisation: string) => string;
    readonly passphrase: string;
    readonly submit: string;
    readonly working: string;
    readonly wrongPassphrase: string;
    readonly orLogin: string;
    readonly noSession: string;
    readonly loginLink: string;
  };
  readonly activate: {
    readonly title: string;
    readonly noCode: string;
    readonly starting: string;
    readonly accountTitle: string;
    readonly organisation: string;
    readonly name: string;
    readonly email: string;
    readonly roles: string;
    readonly emailLabel: string;
    readonly emailHint: string;
    readonly passphraseTitle: string;
    readonly passphraseAdvice: readonly string[];
    readonly passphrase: string;
    readonly passphraseAgain: string;
    readonly totpTitle: string;
    readonly totpIntro: string;
    readonly qrLabel: string;
    readonly manualSecret: string;
    readonly manualHint: string;
    readonly totpCode: string;
    readonly totpCodeHint: string;
    readonly recoveryTitle: string;
    readonly recoveryAdvice: readonly string[];
    readonly submit: string;
    readonly working: string;
    readonly activated: string;
  };
  readonly account: {
    readonly title: string;
    readonly profileTitle: string;
    readonly name: string;
    readonly email: string;
    readonly roles: string;
    readonly organisation: string;
    readonly changeTitle: string;
    readonly changeIntro: string;
    readonly current: string;
    readonly next: string;
    readonly nextAgain: string;
    readonly submit: string;
    readonly working: string;
    readonly changed: string;
    readonly samePassphrase: string;
    readonly wrongCurrent: string;
    readonly logoutTitle: string;
    readonly logoutText: string;
    readonly logoutLink: string;
  };
  readonly logout: { readonly title: string; readonly working: string };
  readonly roles: Readonly<Record<string, string>>;
  readonly strength: {
    readonly label: string;
    readonly labelled: (level: string) => string;
    readonly levels: Readonly<Record<StrengthLevel, string>>;
    readonly tooShort: (min: number) => string;
    readonly hints: { readonly length: string; readonly variety: string; readonly repeated: string; readonly sequence: string; readonly common: string; readonly personal: string };
    readonly refused: string;
    readonly mismatch: string;
  };
  readonly errors: {
    readonly badCredentials: string;
    readonly accountDisabled: string;
    readonly tooManyAttempts: string;
    readonly invitationInvalid: string;
    readonly invitationUsed: string;
    readonly invitationExpired: string;
    readonly totpInvalid: string;
    readonly emailTaken: string;
    readonly emailRequired: string;
    readonly totpFormat: string;
    readonly required: string;
    readonly unexpected: string;
  };
}

export const STAFF_ACCOUNT_TEXTS: Record<Language, StaffAccountTexts> = {
  fr: {
    login: {
      title: 'Connexion',
      intro: 'Votre phrase de passe ne quitte pas ce navigateur : elle sert à y déverrouiller votre clé, qui déchiffre les dossiers.',
      organisation: 'Organisation',
      organisationHint: 'L’identifiant court de votre organisation, par exemple « ville-exemple ».',
      email: 'Adresse électronique',
      passphrase: 'Phrase de passe',
      totp: 'Code de l’application d’authentification',
      totpHint: 'Six chiffres, affichés par votre application (ils changent toutes les 30 secondes).',
      submit: 'Se connecter',
      working: 'Connexion en cours : déverrouillage de votre clé…',
      activateHint: 'Vous avez reçu une invitation ? Ouvrez le lien d’activation qu’elle contient.',
    },
    unlock: {
      title: 'Déverrouiller la session',
      sectionTitle: 'Votre session est encore ouverte',
      intro: (name, organisation) => `${name} (${organisation}) : la page a été rechargée et votre clé effacée de la mémoire. Saisissez votre phrase de passe pour la déverrouiller.`,
      passphrase: 'Phrase de passe',
      submit: 'Déverrouiller',
      working: 'Déverrouillage de votre clé…',
      wrongPassphrase: 'Cette phrase de passe ne déverrouille pas votre clé. Vérifiez-la et réessayez.',
      orLogin: 'Ou reconnectez-vous',
      noSession: 'Aucune session n’est ouverte dans ce navigateur.',
      loginLink: 'Se connecter',
    },
    activate: {
      title: 'Activer votre compte',
      noCode: 'Ce lien ne contient pas de code d’invitation. Ouvrez le lien complet reçu de votre administrateur, ou demandez-lui une nouvelle invitation.',
      starting: 'Vérification de l’invitation…',
      accountTitle: 'Votre compte',
      organisation: 'Organisation',
      name: 'Nom',
      email: 'Adresse électronique',
      roles: 'Rôles',
      emailLabel: 'Votre adresse électronique professionnelle',
      emailHint: 'Vous vous connecterez avec cette adresse.',
      passphraseTitle: '1. Choisissez une phrase de passe',
      passphraseAdvice: [
        'Une phrase de passe forte est longue : au moins quatre ou cinq mots sans lien entre eux, ou 16 caractères et plus.',
        'Évitez les mots de passe courants, les suites (« 1234 », « azerty »), les répétitions, votre nom ou celui de l’organisation.',
        'Elle ne sert qu’ici : n’en réutilisez pas une d’un autre service.',
        'Elle ne quitte jamais ce navigateur ; personne, pas même l’administrateur, ne peut la retrouver.',
      ],
      passphrase: 'Phrase de passe',
      passphraseAgain: 'Phrase de passe, une seconde fois',
      totpTitle: '2. Enregistrez l’application d’authentification',
      totpIntro: 'Avec l’application d’authentification de votre téléphone (TOTP), scannez ce code QR, ou saisissez la clé ci-dessous.',
      qrLabel: 'Code QR d’enrôlement de l’application d’authentification',
      manualSecret: 'Clé à saisir à la main',
      manualHint: 'Type « basé sur le temps », 6 chiffres, 30 secondes.',
      totpCode: 'Code affiché par l’application',
      totpCodeHint: 'Six chiffres, pour vérifier que l’enregistrement a réussi.',
      recoveryTitle: '3. Si vous perdez votre phrase de passe ou votre téléphone',
      recoveryAdvice: [
        'Vigie ne peut pas retrouver votre phrase de passe : elle ne quitte jamais votre navigateur.',
        'Ne la notez pas sur cet ordinateur ni sur le téléphone qui porte l’application d’authentification. Un gestionnaire de mots de passe, ou un papier rangé sous clé, convient.',
        'En cas de perte, un administrateur désactive votre compte et vous envoie une nouvelle invitation. Vous créerez alors une nouvelle clé : les dossiers que vous suiviez devront vous être partagés de nouveau par un ou une collègue.',
      ],
      submit: 'Activer mon compte',
      working: 'Création de votre clé dans ce navigateur…',
      activated: 'Compte activé. Connectez-vous avec votre phrase de passe et le prochain code de votre application.',
    },
    account: {
      title: 'Mon compte',
      profileTitle: 'Profil',
      name: 'Nom',
      email: 'Adresse électronique',
      roles: 'Rôles',
      organisation: 'Organisation',
      changeTitle: 'Changer de phrase de passe',
      changeIntro: 'Votre clé est de nouveau chiffrée dans ce navigateur sous la nouvelle phrase de passe ; l’ancienne cesse de fonctionner.',
      current: 'Phrase de passe actuelle',
      next: 'Nouvelle phrase de passe',
      nextAgain: 'Nouvelle phrase de passe, une seconde fois',
      submit: 'Changer de phrase de passe',
      working: 'Chiffrement de votre clé sous la nouvelle phrase de passe…',
      changed: 'Phrase de passe changée. Utilisez la nouvelle à la prochaine connexion.',
      samePassphrase: 'La nouvelle phrase de passe doit être différente de l’actuelle.',
      wrongCurrent: 'La phrase de passe actuelle n’est pas la bonne. Rien n’a été changé.',
      logoutTitle: 'Déconnexion',
      logoutText: 'La déconnexion ferme la session et efface de cette page votre clé et tout ce qui a été déchiffré.',
      logoutLink: 'Se déconnecter',
    },
    logout: { title: 'Déconnexion', working: 'Déconnexion…' },
    roles: { admin: 'Administration', referent: 'Référent·e', committee: 'Comité', dpo: 'Délégué·e à la protection des données' },
    strength: {
      label: 'Solidité estimée',
      labelled: (level) => `Solidité estimée : ${level}`,
      levels: { empty: 'aucune', weak: 'faible', fair: 'moyenne', strong: 'bonne', 'very-strong': 'très bonne' },
      tooShort: (min) => `Au moins ${min} caractères.`,
      hints: {
        length: 'Allongez-la : ajoutez des mots.',
        variety: 'Mélangez des mots, des chiffres ou des signes.',
        repeated: 'Évitez les caractères répétés.',
        sequence: 'Évitez les suites comme « 1234 » ou « abcd ».',
        common: 'C’est un mot de passe très courant.',
        personal: 'Évitez votre nom, votre adresse ou celui de l’organisation.',
      },
      refused: 'Cette phrase de passe est trop faible. Choisissez-en une plus longue, qui n’est pas courante.',
      mismatch: 'Les deux saisies ne sont pas identiques.',
    },
    errors: {
      badCredentials: 'L’adresse, la phrase de passe ou le code de l’application n’est pas bon. Vérifiez-les ; pour le code, attendez le suivant.',
      accountDisabled: 'Ce compte est désactivé. Adressez-vous à votre administrateur.',
      tooManyAttempts: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
      invitationInvalid: 'Ce code d’invitation n’est pas valide. Demandez une nouvelle invitation à votre administrateur.',
      invitationUsed: 'Cette invitation a déjà servi. Si ce n’était pas vous, prévenez votre administrateur.',
      invitationExpired: 'Cette invitation a expiré. Demandez-en une nouvelle à votre administrateur.',
      totpInvalid: 'Le code de l’application n’est pas bon. Vérifiez l’heure du téléphone et saisissez le code suivant.',
      emailTaken: 'Un compte avec cette adresse existe déjà dans l’organisation.',
      emailRequired: 'Indiquez votre adresse électronique.',
      totpFormat: 'Le code comporte six chiffres.',
      required: 'Ce champ est obligatoire.',
      unexpected: 'Une erreur inattendue s’est produite. Réessayez.',
    },
  },
  en: {
    login: {
      title: 'Log in',
      intro: 'Your passphrase never leaves this browser: it unlocks your key here, which decrypts the cases.',
      organisation: 'Organisation',
      organisationHint: 'Your organisation’s short name, for instance “ville-exemple”.',
      email: 'E-mail address',
      passphrase: 'Passphrase',
      totp: 'Authenticator app code',
      totpHint: 'Six digits, shown by your app (they change every 30 seconds).',
      submit: 'Log in',
      working: 'Logging in: unlocking your key…',
      activateHint: 'Received an invitation? Open the activation link it contains.',
    },
    unlock: {
      title: 'Unlock the session',
      sectionTitle: 'Your session is still open',
      intro: (name, organisation) => `${name} (${organisation}): the page was reloaded and your key wiped from memory. Type your passphrase to unlock it.`,
      passphrase: 'Passphrase',
      submit: 'Unlock',
      working: 'Unlocking your key…',
      wrongPassphrase: 'This passphrase does not unlock your key. Check it and try again.',
      orLogin: 'Or log in again',
      noSession: 'No session is open in this browser.',
      loginLink: 'Log in',
    },
    activate: {
      title: 'Activate your account',
      noCode: 'This link holds no invitation code. Open the whole link your administrator sent, or ask them for a new invitation.',
      starting: 'Checking the invitation…',
      accountTitle: 'Your account',
      organisation: 'Organisation',
      name: 'Name',
      email: 'E-mail address',
      roles: 'Roles',
      emailLabel: 'Your work e-mail address',
      emailHint: 'You will log in with this address.',
      passphraseTitle: '1. Choose a passphrase',
      passphraseAdvice: [
        'A strong passphrase is long: four or five unrelated words at least, or 16 characters and more.',
        'Avoid common passwords, sequences (“1234”, “qwerty”), repeats, your name or the organisation’s.',
        'Use it here only: do not reuse one from another service.',
        'It never leaves this browser; nobody, not even the administrator, can recover it.',
      ],
      passphrase: 'Passphrase',
      passphraseAgain: 'Passphrase, once more',
      totpTitle: '2. Enrol your authenticator app',
      totpIntro: 'With the authenticator app on your phone (TOTP), scan this QR code, or type the key below.',
      qrLabel: 'Enrolment QR code for the authenticator app',
      manualSecret: 'Key to type by hand',
      manualHint: 'Type “time based”, 6 digits, 30 seconds.',
      totpCode: 'Code shown by the app',
      totpCodeHint: 'Six digits, to check the enrolment worked.',
      recoveryTitle: '3. If you lose your passphrase or your phone',
      recoveryAdvice: [
        'Vigie cannot recover your passphrase: it never leaves your browser.',
        'Do not write it down on this computer or on the phone that holds the authenticator app. A password manager, or paper kept under lock, will do.',
        'If you lose it, an administrator disables your account and sends you a new invitation. You will then make a new key: the cases you followed must be shared with you again by a colleague.',
      ],
      submit: 'Activate my account',
      working: 'Making your key in this browser…',
      activated: 'Account activated. Log in with your passphrase and the next code of your app.',
    },
    account: {
      title: 'My account',
      profileTitle: 'Profile',
      name: 'Name',
      email: 'E-mail address',
      roles: 'Roles',
      organisation: 'Organisation',
      changeTitle: 'Change passphrase',
      changeIntro: 'Your key is encrypted again in this browser under the new passphrase; the old one stops working.',
      current: 'Current passphrase',
      next: 'New passphrase',
      nextAgain: 'New passphrase, once more',
      submit: 'Change passphrase',
      working: 'Encrypting your key under the new passphrase…',
      changed: 'Passphrase changed. Use the new one next time you log in.',
      samePassphrase: 'The new passphrase must differ from the current one.',
      wrongCurrent: 'The current passphrase is not right. Nothing was changed.',
      logoutTitle: 'Log out',
      logoutText: 'Logging out closes the session and wipes your key and everything decrypted from this page.',
      logoutLink: 'Log out',
    },
    logout: { title: 'Log out', working: 'Logging out…' },
    roles: { admin: 'Administration', referent: 'Referent', committee: 'Committee', dpo: 'Data protection officer' },
    strength: {
      label: 'Estimated strength',
      labelled: (level) => `Estimated strength: ${level}`,
      levels: { empty: 'none', weak: 'weak', fair: 'fair', strong: 'good', 'very-strong': 'very good' },
      tooShort: (min) => `At least ${min} characters.`,
      hints: {
        length: 'Make it longer: add words.',
        variety: 'Mix words, digits or signs.',
        repeated: 'Avoid repeated characters.',
        sequence: 'Avoid sequences like “1234” or “abcd”.',
        common: 'This is a very common password.',
        personal: 'Avoid your name, your address or the organisation’s.',
      },
      refused: 'This passphrase is too weak. Choose a longer one that is not common.',
      mismatch: 'The two entries differ.',
    },
    errors: {
      badCredentials: 'The e-mail, passphrase or app code is not right. Check them; for the code, wait for the next one.',
      accountDisabled: 'This account is disabled. Contact your administrator.',
      tooManyAttempts: 'Too many attempts. Wait a few minutes before trying again.',
      invitationInvalid: 'This invitation code is not valid. Ask your administrator for a new invitation.',
      invitationUsed: 'This invitation has already been used. If it was not you, tell your administrator.',
      invitationExpired: 'This invitation has expired. Ask your administrator for a new one.',
      totpInvalid: 'The app code is not right. Check the time on your phone and type the next code.',
      emailTaken: 'An account with this e-mail already exists in the organisation.',
      emailRequired: 'Give your e-mail address.',
      totpFormat: 'The code has six digits.',
      required: 'This field is required.',
      unexpected: 'Something unexpected went wrong. Try again.',
    },
  },
};
