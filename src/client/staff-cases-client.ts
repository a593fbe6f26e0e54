// Reference client for a referent's cases: list, open and decrypt, reply. Same crypto as the
// staff pages; the private key comes from a logged-in StaffClient.
import { openMessage, openReport, openSealedCaseKey, sealMessage } from '../crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import { newRandomId } from '../crypto/random-id.ts';
import type { SignedReceipt } from '../crypto/receipts.ts';
import { parseReport, type ReportContent } from './report-content.ts';
import type { DocumentPlace } from './document-transfer.ts';
import type { StaffClient } from './staff-client.ts';

export interface CaseSummaryAnswer {
  id: string;
  reference: string;
  category: string;
  identityMode: 'anonymous' | 'confidential';
  state: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  ackDueOn: string;
  feedbackDueOn: string;
  feedbackGivenAt: string | null;
  meetingRequestedAt: string | null;
  meetingDueOn: string | null;
  meetingHeldAt: string | null;
  closedAt: string | null;
  outcome: 'inadmissible' | 'no_follow_up' | 'follow_up' | null;
  followUpKind: string | null;
  messageCount: number;
  lastMessageAt: string | null;
  /** Reporter messages since this staff member last opened the case. */
  unreadMessages: number;
  /** When this staff member voted on the case in committee, if they did. */
  myVoteCastAt: string | null;
  deadlines: Record<'acknowledgement' | 'feedback', DeadlineAnswer> & { meeting: DeadlineAnswer | null };
}

export interface DeadlineAnswer {
  dueOn: string;
  status: 'met' | 'pending' | 'due_soon' | 'overdue';
}

export interface CommitteeAnswer {
  status: 'decided' | 'awaiting_quorum' | 'no_majority' | 'deadlocked';
  outcome?: string;
  followUpKind?: string | null;
  tally: { followUp: number; noFollowUp: number; abstain: number; eligible: number; byKind: Record<string, number> };
  eligible: string[];
  votes: { id: string; voterId: string; choice: string; followUpKind: string | null; castAt: string; reasonCiphertext: string | null }[];
}

export interface CaseDetailAnswer extends CaseSummaryAnswer {
  organisationId: string;
  report: string;
  sealedKey: string;
  messages: { id: string; author: 'reporter' | 'staff'; authorStaffId: string | null; purpose: 'message' | 'feedback' | 'reason'; sentAt: string; ciphertext: string }[];
  receipts: (SignedReceipt & { kind: string; issuedAt: string })[];
  timeline: { at: string; kind: string; actorKind: string; actorStaffId: string | null; details: Record<string, unknown> }[];
  availableActions: string[];
  committee: CommitteeAnswer | null;
  shareCandidates: { id: string; displayName: string; roles: ('referent' | 'committee')[]; publicKey: string }[];
  disclosures: { id: string; recordedBy: string; legalBasis: string; consentGiven: boolean; details: string; recordedAt: string }[];
  retention: RetentionAnswer;
  /** The staff members holding the case, by name. */
  holders: { id: string; displayName: string }[];
}

export interface RetentionAnswer {
  rule: 'R1' | 'R2' | 'R3' | null;
  purgeDueOn: string | null;
  proceedingsEndedOn: string | null;
  legalHold: { id: string; placedAt: string } | null;
}

export interface OpenedCase {
  readonly summary: CaseSummaryAnswer;
  readonly organisationId: string;
  readonly report: ReportContent;
  readonly messages: { id: string; author: 'reporter' | 'staff'; authorStaffId: string | null; purpose: 'message' | 'feedback' | 'reason'; sentAt: string; text: string }[];
  readonly receipts: CaseDetailAnswer['receipts'];
  readonly caseKey: Uint8Array;
  /** The whole answer: timeline, actions open now, committee, who may still be given the case. */
  readonly detail: CaseDetailAnswer;
}

export class StaffCasesClient {
  constructor(readonly staff: StaffClient) {}

  async list(query = ''): Promise<{ cases: CaseSummaryAnswer[]; next: string | null }> {
    return this.staff.http.expect(200, 'GET', `/api/v1/cases${query}`);
  }

  /** Opens a case: unseals the case key with our private key and decrypts report and messages. */
  async open(caseId: string): Promise<OpenedCase> {
    const self = this.staff.self;
    const privateKey = this.staff.privateKey;
    if (!self?.publicKey || !privateKey) throw new Error('log in first');
    const detail = await this.staff.http.expect<CaseDetailAnswer>(200, 'GET', `/api/v1/cases/${caseId}`);
    const caseKey = await openSealedCaseKey(fromBase64Url(detail.sealedKey), fromBase64Url(self.publicKey), privateKey);
    const report = parseReport(await openReport(caseKey, fromBase64Url(detail.report), detail.organisationId, detail.id));
    const messages = [];
    for (const message of detail.messages) {
      const text = await openMessage(caseKey, fromBase64Url(message.ciphertext), { organisationId: detail.organisationId, caseId: detail.id, messageId: message.id, author: message.author });
      messages.push({ id: message.id, author: message.author, authorStaffId: message.authorStaffId, purpose: message.purpose, sentAt: message.sentAt, text });
    }
    const { report: _report, sealedKey: _sealedKey, messages: _messages, receipts, organisationId, timeline: _t, availableActions: _a, committee: _c, shareCandidates: _s, disclosures: _d, retention: _r, holders: _h, ...summary } = detail;
    return { summary, organisationId, report, messages, receipts, caseKey, detail };
  }

  /** Where this case's documents are, for uploadDocument and downloadDocument. */
  documents(opened: OpenedCase): DocumentPlace {
    return { http: this.staff.http, prefix: `/api/v1/cases/${opened.summary.id}/documents`, caseKey: opened.caseKey, organisationId: opened.organisationId, caseId: opened.summary.id };
  }

  /** A message to the reporter; `purpose: 'feedback'` marks a retour d'information (meets the feedback deadline). */
  async sendMessage(opened: OpenedCase, organisationId: string, text: string, purpose: 'message' | 'feedback' = 'message'): Promise<{ id: string; sentAt: string }> {
    const id = await newRandomId();
    const ciphertext = await sealMessage(opened.caseKey, text, { organisationId, caseId: opened.summary.id, messageId: id, author: 'staff' });
    return this.staff.http.expect(201, 'POST', `/api/v1/cases/${opened.summary.id}/messages`, { id, ciphertext: toBase64Url(ciphertext), ...(purpose === 'feedback' ? { purpose } : {}) });
  }
}
