// CSV exports: fetched with the session cookie (same origin), then saved through a Blob, an object
// URL and an <a download> (the CSP lets a blob: link download; nothing runs from it).
import type { StaffAppContext } from '../../app-context.ts';
import { HttpError } from '../../../../client/http.ts';
import { element } from '../../ui.ts';

/** The file name of a Content-Disposition header, else `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(header ?? '');
  return match?.[1] ?? fallback;
}

/** Fetches `path` (a CSV route) and hands it to the browser as a download. */
export async function downloadCsv(ctx: StaffAppContext, path: string, fallbackName: string): Promise<void> {
  const answer = await ctx.session.call(async () => {
    const sent = await ctx.session.client.http.send<string>('GET', path);
    if (sent.status !== 200) throw new HttpError(sent.status, sent.body);
    return sent;
  });
  // fetch's text() drops the byte-order mark; put it back so spreadsheets read the accents right.
  const blob = new Blob(['\uFEFF', answer.body], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = element('a', { href: url, download: attachmentName(answer.headers.get('content-disposition'), fallbackName), hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the object URL may go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
