// What every staff view receives: language and texts, the session (the in-memory private key and
// the API clients), navigation, and a polite live region for announcements.
import type { StaffRole } from '../../../db/schema.ts';
import type { Language } from '../../i18n/reporter-pages.ts';
import type { StaffCommonTexts } from '../../i18n/staff/common.ts';
import type { StaffSession } from './session.ts';

export interface StaffAppContext {
  readonly language: Language;
  readonly texts: StaffCommonTexts;
  readonly session: StaffSession;
  /** Goes to a staff path ("/staff/cases/…"), keeping the language; `replace` does not add a history entry. */
  navigate(path: string, options?: { replace?: boolean; message?: string }): void;
  /** The href of a staff path in the current language. */
  href(path: string): string;
  /** Says something to screen readers (the live region) without moving focus. */
  announce(message: string): void;
  /** A message handed over by the previous view's navigate(…, {message}), shown once. */
  readonly flash: string | null;
}

export interface ViewResult {
  /** The page's title (also its h1, which the view draws itself and the router focuses). */
  readonly title: string;
  readonly content: Node;
  /** Called when the view is left: drop decrypted content, stop timers. */
  readonly dispose?: () => void;
}

export type View = (ctx: StaffAppContext, params: Readonly<Record<string, string>>, query: URLSearchParams) => Promise<ViewResult>;

export interface StaffRoute {
  /** Path pattern under /staff, with :name segments, e.g. "/staff/cases/:id". */
  readonly pattern: string;
  readonly view: View;
  /** 'public': no session needed (login, activation); otherwise the roles that may open it ('any' = any staff). */
  readonly access: 'public' | 'any' | readonly StaffRole[];
}
