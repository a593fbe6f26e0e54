// What every part of the case page is given: the decrypted case, the clients, the texts, and a
// way to redraw the page (which re-opens and re-decrypts the case) with a message.
import type { OpenedCase } from '../../../../client/staff-cases-client.ts';
import type { StaffCasesClient } from '../../../../client/staff-cases-client.ts';
import type { StaffWorkflowClient } from '../../../../client/staff-workflow-client.ts';
import type { StaffCasesTexts } from '../../../../i18n/staff/cases.ts';
import type { StaffAppContext } from '../../app-context.ts';

export interface CasePage {
  readonly ctx: StaffAppContext;
  readonly t: StaffCasesTexts;
  readonly opened: OpenedCase;
  readonly cases: StaffCasesClient;
  readonly flow: StaffWorkflowClient;
  readonly categoryLabel: (code: string) => string;
  /** Who is looking: their id, and whether they act as referent or committee member. */
  readonly selfId: string;
  readonly isReferent: boolean;
  readonly isCommittee: boolean;
  /** Redraws the case page (re-opened, re-decrypted) with a status message. */
  refresh(message: string): void;
  /** A staff member's name as this page can tell it: "you", a known colleague, or "a colleague". */
  staffName(id: string | null): string;
}
