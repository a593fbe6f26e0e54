// The supporting-documents panel's sentences, French first then English: shared by the filing
// form, the mailbox and the staff case page (each passes its page's language).
import type { Language } from './reporter-pages.ts';

function sizeIn(locale: string, units: readonly string[]) {
  return (bytes: number): string => {
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    const digits = unit === 0 || value >= 100 ? 0 : 1;
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)}\u00a0${units[unit]}`;
  };
}

const frSize = sizeIn('fr-FR', ['o', 'ko', 'Mo', 'Go']);
const enSize = sizeIn('en-GB', ['B', 'kB', 'MB', 'GB']);

const fr = {
  size: frSize,
  title: 'Pièces jointes',
  formLegend: 'Pièces jointes (facultatif)',
  formHint: "Elles sont chiffrées dans votre navigateur et envoyées juste après l'alerte.",
  choose: 'Choisir des fichiers',
  chooseHint: (max: number) => `Taille maximale par fichier : ${frSize(max)}.`,
  send: 'Chiffrer et envoyer les fichiers',
  none: 'Aucune pièce jointe.',
  listFailed: 'La liste des pièces jointes n’a pas pu être chargée.',
  unreadable: 'Pièce illisible avec cette clé',
  byReporter: 'l’auteur',
  byYou: 'vous',
  byStaff: 'un référent',
  addedBy: (who: string, when: string) => `ajoutée par ${who}, le ${when}`,
  download: (name: string) => `Télécharger ${name}`,
  downloadWord: 'Télécharger',
  remove: (name: string) => `Retirer ${name}`,
  tooBig: (name: string, max: number) => `« ${name} » dépasse la taille maximale de ${frSize(max)} : découpez-le ou compressez-le.`,
  strip: 'Retirer les métadonnées (lieu, appareil, date) avant l’envoi',
  stripTooBig: 'Image trop grande pour retirer ses métadonnées dans le navigateur.',
  cannotStrip: 'Vigie ne peut pas retirer les métadonnées de ce fichier (auteur, logiciel, dates). Au besoin, exportez-le ou imprimez-le d’abord en un nouveau PDF.',
  stripped: (name: string, removed: string[]) => (removed.length ? `« ${name} » : retiré ${removed.join(', ')}.` : `« ${name} » : aucune métadonnée trouvée.`),
  stripFailed: (name: string) => `« ${name} » n’a pas pu être nettoyé : il n’a pas été envoyé.`,
  progress: (sent: number, total: number) => `${frSize(sent)} sur ${frSize(total)} envoyés`,
  uploaded: (name: string) => `« ${name} » envoyé.`,
  uploadFailed: (name: string, detail?: string) => `« ${name} » n’a pas pu être envoyé.${detail ? ` ${detail}` : ''}`,
  retry: 'Réessayer l’envoi',
  sharedWithReporter: 'Transmettre aussi à l’auteur (dans sa boîte aux lettres)',
  sharedBadge: 'transmise à l’auteur',
  streamed: 'Votre navigateur enregistre le fichier au fil du déchiffrement.',
  inMemory: 'Votre navigateur garde le fichier en mémoire jusqu’à la fin : pour un très gros fichier, utilisez Chrome ou Edge.',
  decrypting: (name: string) => `Déchiffrement de « ${name} »…`,
  saved: (name: string) => `« ${name} » déchiffré et enregistré.`,
  altered: (name: string) => `« ${name} » a été modifié ou est incomplet : rien n’a été enregistré.`,
  downloadFailed: (name: string) => `« ${name} » n’a pas pu être téléchargé. Réessayez.`,
  filedWith: 'Pièces jointes envoyées avec l’alerte',
  connecting: 'Connexion à votre boîte aux lettres pour envoyer les pièces jointes…',
  allSent: 'Toutes les pièces jointes sont envoyées.',
  connectFailed: 'Votre alerte est enregistrée, mais les pièces jointes n’ont pas pu être envoyées : ouvrez votre boîte aux lettres avec votre code pour les envoyer.',
  filingDocumentsNote: 'Votre alerte est enregistrée. Les pièces qui n’ont pas pu être envoyées peuvent l’être à nouveau ici ou depuis votre boîte aux lettres.',
};

export type DocumentTexts = typeof fr;

const en: DocumentTexts = {
  size: enSize,
  title: 'Supporting documents',
  formLegend: 'Supporting documents (optional)',
  formHint: 'They are encrypted in your browser and sent just after the alert.',
  choose: 'Choose files',
  chooseHint: (max) => `Largest file accepted: ${enSize(max)}.`,
  send: 'Encrypt and send the files',
  none: 'No supporting documents.',
  listFailed: 'The list of documents could not be loaded.',
  unreadable: 'Document unreadable with this key',
  byReporter: 'the reporter',
  byYou: 'you',
  byStaff: 'a referent',
  addedBy: (who, when) => `added by ${who}, ${when}`,
  download: (name) => `Download ${name}`,
  downloadWord: 'Download',
  remove: (name) => `Remove ${name}`,
  tooBig: (name, max) => `“${name}” is larger than the ${enSize(max)} limit: split it or compress it.`,
  strip: 'Remove metadata (place, device, date) before sending',
  stripTooBig: 'Image too large to remove its metadata in the browser.',
  cannotStrip: 'Vigie cannot remove this file’s metadata (author, software, dates). If needed, export or print it to a new PDF first.',
  stripped: (name, removed) => (removed.length ? `“${name}”: removed ${removed.join(', ')}.` : `“${name}”: no metadata found.`),
  stripFailed: (name) => `“${name}” could not be cleaned: it was not sent.`,
  progress: (sent, total) => `${enSize(sent)} of ${enSize(total)} sent`,
  uploaded: (name) => `“${name}” sent.`,
  uploadFailed: (name, detail) => `“${name}” could not be sent.${detail ? ` ${detail}` : ''}`,
  retry: 'Try sending again',
  sharedWithReporter: "Also send to the reporter (in their mailbox)",
  sharedBadge: 'sent to the reporter',
  streamed: 'Your browser saves the file as it is decrypted.',
  inMemory: 'Your browser keeps the file in memory until the end: for a very large file, use Chrome or Edge.',
  decrypting: (name) => `Decrypting “${name}”…`,
  saved: (name) => `“${name}” decrypted and saved.`,
  altered: (name) => `“${name}” was altered or is incomplete: nothing was saved.`,
  downloadFailed: (name) => `“${name}” could not be downloaded. Try again.`,
  filedWith: 'Documents sent with the alert',
  connecting: 'Opening your mailbox to send the documents…',
  allSent: 'All documents are sent.',
  connectFailed: 'Your alert is recorded, but the documents could not be sent: open your mailbox with your code to send them.',
  filingDocumentsNote: 'Your alert is recorded. Documents that could not be sent can be sent again here or from your mailbox.',
};

export const DOCUMENT_TEXTS: Record<Language, DocumentTexts> = { fr, en };
