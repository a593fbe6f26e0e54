// After the filing's 201: the page logs into the new mailbox with the token it just made (proof of
// work for 'mailbox-login', as the mailbox page does), then encrypts and uploads each chosen file
// with its progress on the confirmation. The alert is already recorded whatever happens here.
import { ReporterClient } from '../../../client/reporter-client.ts';
import type { DocumentTexts } from '../../../i18n/documents.ts';
import { byId } from '../dom.ts';
import { earnProofOfWorkInPage } from '../proof-of-work.ts';
import type { ChosenFile } from './chosen-files.ts';
import { uploadAll } from './document-upload.ts';

export async function sendFiledDocuments(token: string, files: readonly ChosenFile[], workerUrl: string, t: DocumentTexts): Promise<void> {
  const section = byId('filed-documents');
  const status = byId('filed-documents-status');
  byId('filed-documents-list').replaceChildren(...files.map((f) => f.item));
  section.hidden = false;
  status.textContent = t.connecting;
  const mailbox = new ReporterClient('');
  try {
    const proof = await earnProofOfWorkInPage(mailbox.http, 'mailbox-login', workerUrl, () => undefined);
    await mailbox.openMailbox(token, proof);
  } catch {
    // Nothing was sent: the files can still go from the mailbox page.
    status.textContent = t.connectFailed;
    return;
  }
  status.textContent = '';
  let pending = files.length;
  const finished = () => {
    status.textContent = t.allSent;
    // Every file is in: the mailbox session is not needed here any more.
    void mailbox.leave().catch(() => undefined);
  };
  const sent = await uploadAll(() => mailbox.documents(), files, t, undefined, () => {
    pending--;
    if (pending === 0) finished();
  });
  pending -= sent.length;
  if (pending === 0) finished();
  else status.textContent = t.filingDocumentsNote;
}
