// The case's supporting documents on the staff case page: decrypted names, download, upload; a
// referent may also hand a document to the whistleblower (the server refuses it to others).
import { HttpError } from '../../../../client/http.ts';
import { DOCUMENT_TEXTS } from '../../../../i18n/documents.ts';
import { documentPanel } from '../../../browser/documents/document-panel.ts';
import { formatDate } from '../../ui.ts';
import type { CasePage } from './case-page.ts';

export async function documentsSection(page: CasePage, maxBytes: number | null): Promise<HTMLElement> {
  const { ctx, cases, opened } = page;
  const d = DOCUMENT_TEXTS[ctx.language];
  const panel = documentPanel({
    texts: d,
    idPrefix: 'case-documents',
    heading: 'h2',
    place: () => cases.documents(opened),
    maxBytes,
    authorOf: (listed) => (listed.author === 'reporter' ? d.byReporter : listed.authorStaffId ? page.staffName(listed.authorStaffId) : d.byStaff),
    dateTime: (iso) => formatDate(iso, ctx.language, true),
    canShare: page.isReferent,
    sessionEnded: (error) => {
      if (!(error instanceof HttpError) || error.status !== 401) return false;
      // Lets the session notice the end and log out, as every other call of the staff pages does.
      void ctx.session.call(() => Promise.reject(error)).catch(() => undefined);
      return true;
    },
  });
  panel.element.classList.add('case-section');
  await panel.refresh();
  return panel.element;
}
