// Reference client for the workflow on a case, as the staff pages will do it: every text that
// reaches the reporter or stays among staff (reasons, vote reasons, disclosure details) is
// encrypted under the case key here, and the key is re-sealed here for whoever is given the case.
import { openCaseNote, sealCaseKeyFor, sealCaseNote, sealMessage } from '../crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import { newRandomId } from '../crypto/random-id.ts';
import type { OpenedCase, RetentionAnswer, StaffCasesClient } from './staff-cases-client.ts';

export type WorkflowAction =
  | 'acknowledge'
  | 'start_admissibility_review'
  | 'declare_admissible'
  | 'declare_inadmissible'
  | 'send_to_committee'
  | 'close_without_follow_up'
  | 'return_to_investigation';

export interface TransitionAnswer {
  state: string;
  closedAt: string | null;
  outcome: string | null;
}

export class StaffWorkflowClient {
  constructor(readonly cases: StaffCasesClient) {}

  get #http() {
    return this.cases.staff.http;
  }

  /** Moves the case; a reason (for the reporter) is encrypted as a staff message under the case key. */
  async transition(opened: OpenedCase, action: WorkflowAction, reason?: string): Promise<TransitionAnswer> {
    const body: Record<string, unknown> = { action };
    if (reason !== undefined) {
      const id = await newRandomId();
      const ciphertext = await sealMessage(opened.caseKey, reason, { organisationId: opened.organisationId, caseId: opened.summary.id, messageId: id, author: 'staff' });
      body['reason'] = { id, ciphertext: toBase64Url(ciphertext) };
    }
    if (action === 'send_to_committee') {
      const members = opened.detail.shareCandidates.filter((candidate) => candidate.roles.includes('committee'));
      body['grants'] = await Promise.all(
        members.map(async (member) => ({ recipient: member.id, sealedKey: toBase64Url(await sealCaseKeyFor(fromBase64Url(member.publicKey), opened.caseKey)) })),
      );
    }
    return this.#http.expect(200, 'POST', `/api/v1/cases/${opened.summary.id}/transitions`, body);
  }

  /** Shares the case with a colleague: the case key re-sealed for their public key. */
  async share(opened: OpenedCase, recipientId: string): Promise<{ sharedAt: string }> {
    const recipient = opened.detail.shareCandidates.find((c) => c.id === recipientId);
    if (!recipient) throw new Error(`${recipientId} is not among the people this case may be shared with`);
    const sealedKey = toBase64Url(await sealCaseKeyFor(fromBase64Url(recipient.publicKey), opened.caseKey));
    return this.#http.expect(201, 'POST', `/api/v1/cases/${opened.summary.id}/shares`, { recipient: recipientId, sealedKey });
  }

  recuse(caseId: string): Promise<{ recusedAt: string }> {
    return this.#http.expect(201, 'POST', `/api/v1/cases/${caseId}/recusal`, {});
  }

  async vote(opened: OpenedCase, choice: 'follow_up' | 'no_follow_up' | 'abstain', reason: string, followUpKind?: 'disciplinary' | 'judicial_referral' | 'internal_measures') {
    const id = await newRandomId();
    const ciphertext = await sealCaseNote(opened.caseKey, reason, 'vote-reason', { organisationId: opened.organisationId, caseId: opened.summary.id, noteId: id });
    return this.#http.expect<{ status: string; outcome?: string; followUpKind?: string | null }>(201, 'POST', `/api/v1/cases/${opened.summary.id}/votes`, {
      id,
      choice,
      ...(followUpKind ? { followUpKind } : {}),
      reason: toBase64Url(ciphertext),
    });
  }

  /** The vote reasons the caller may read (their own; everyone's once the case is closed). */
  async voteReasons(opened: OpenedCase): Promise<{ voterId: string; choice: string; reason: string }[]> {
    const votes = opened.detail.committee?.votes ?? [];
    const readable = votes.filter((v) => v.reasonCiphertext !== null);
    return Promise.all(
      readable.map(async (v) => ({
        voterId: v.voterId,
        choice: v.choice,
        reason: await openCaseNote(opened.caseKey, fromBase64Url(v.reasonCiphertext!), 'vote-reason', { organisationId: opened.organisationId, caseId: opened.summary.id, noteId: v.id }),
      })),
    );
  }

  async discloseIdentity(opened: OpenedCase, legalBasis: 'consent' | 'judicial_authority', consentGiven: boolean, details: string) {
    const id = await newRandomId();
    const ciphertext = await sealCaseNote(opened.caseKey, details, 'disclosure', { organisationId: opened.organisationId, caseId: opened.summary.id, noteId: id });
    return this.#http.expect<{ recordedAt: string }>(201, 'POST', `/api/v1/cases/${opened.summary.id}/identity-disclosures`, {
      id,
      legalBasis,
      consentGiven,
      details: toBase64Url(ciphertext),
    });
  }

  async disclosureDetails(opened: OpenedCase): Promise<string[]> {
    return Promise.all(
      opened.detail.disclosures.map((d) => openCaseNote(opened.caseKey, fromBase64Url(d.details), 'disclosure', { organisationId: opened.organisationId, caseId: opened.summary.id, noteId: d.id })),
    );
  }

  meetingHeld(caseId: string): Promise<{ heldAt: string }> {
    return this.#http.expect(201, 'POST', `/api/v1/cases/${caseId}/meeting-held`, {});
  }

  /** R3: the day the proceedings that followed a closed case ended (the purge then deletes it). */
  proceedingsEnded(caseId: string, endedOn: string): Promise<RetentionAnswer> {
    return this.#http.expect(200, 'PUT', `/api/v1/cases/${caseId}/proceedings-end`, { endedOn });
  }
}
