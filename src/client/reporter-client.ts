// Reference reporter client: files an alert and uses the mailbox exactly as the reporter's pages
// do in the browser, with the same src/crypto functions. Used by tests, benchmarks and scripts.
import {
  newCaseKey,
  openMessage,
  openReport,
  sealCaseKeyFor,
  sealMessage,
  sealReport,
  unwrapCaseKeyFromMailbox,
  wrapCaseKeyForMailbox,
} from '../crypto/case-keys.ts';
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import { newRandomId } from '../crypto/random-id.ts';
import { deriveMailboxCredentials, newMailboxToken } from '../crypto/mailbox-token.ts';
import type { SignedReceipt } from '../crypto/receipts.ts';
import type { DocumentPlace } from './document-transfer.ts';
import { HttpError, VigieHttp } from './http.ts';
import { earnProofOfWork, type ProofOfWorkAnswer } from './proof-of-work-client.ts';
import { parseReport, serialiseReport, type ReportContent } from './report-content.ts';

export type MessagePurpose = 'message' | 'feedback' | 'reason';

export interface IntakeDescription {
  organisation: { id: string; slug: string; name: string };
  texts: Record<'whoCanReport' | 'whatHappensNext' | 'rights', { fr: string; en: string }>;
  categories: { code: string; label: { fr: string; en: string } }[];
  admissibilityReviewWorkingDays: number;
  recipients: { id: string; displayName: string; roles: ('referent' | 'committee')[]; publicKey: string }[];
  recoveryPublicKey: string | null;
  receiptKeyId: string;
  /** Largest supporting document accepted, in bytes of the file. */
  documentMaxBytes: number;
}

export interface FilingChoices {
  /** Staff ids to seal the case key for; default: every referent. */
  readonly recipients?: string[];
  /** Staff ids the alert concerns, who must never receive it. */
  readonly excluded?: string[];
  readonly identityMode?: 'anonymous' | 'confidential';
  /** A proof of work already earned (benchmarks solve ahead of time). */
  readonly proofOfWork?: ProofOfWorkAnswer;
}

export interface FiledAlert {
  readonly caseId: string;
  readonly caseReference: string;
  readonly receivedAt: string;
  /** Null when the organisation acknowledges by hand: the signed receipt then comes to the mailbox. */
  readonly receipt: SignedReceipt | null;
  readonly ackDueOn: string;
  /** The mailbox token: the only way back to the case. */
  readonly token: string;
}

/** The filing payload, built entirely on the client; exported for tests that tamper with it. */
export async function prepareFiling(intake: IntakeDescription, content: ReportContent, choices: FilingChoices, proofOfWork: ProofOfWorkAnswer) {
  const recipientIds = choices.recipients ?? intake.recipients.filter((r) => r.roles.includes('referent')).map((r) => r.id);
  const caseId = await newRandomId();
  const caseKey = await newCaseKey();
  const token = await newMailboxToken();
  const mailbox = await deriveMailboxCredentials(token);
  const organisationId = intake.organisation.id;
  const grants = [];
  for (const id of recipientIds) {
    const recipient = intake.recipients.find((r) => r.id === id);
    if (!recipient) throw new Error(`recipient ${id} is not in the intake description`);
    grants.push({ recipient: id, sealedKey: toBase64Url(await sealCaseKeyFor(fromBase64Url(recipient.publicKey), caseKey)) });
  }
  if (intake.recoveryPublicKey) {
    grants.push({ recipient: 'recovery', sealedKey: toBase64Url(await sealCaseKeyFor(fromBase64Url(intake.recoveryPublicKey), caseKey)) });
  }
  const body = {
    caseId,
    category: content.category,
    identityMode: choices.identityMode ?? (content.identity ? 'confidential' : 'anonymous'),
    report: toBase64Url(await sealReport(caseKey, serialiseReport(content), organisationId, caseId)),
    grants,
    excluded: choices.excluded ?? [],
    mailbox: {
      lookupId: toBase64Url(mailbox.lookupId),
      authenticator: toBase64Url(mailbox.authenticator),
      wrappedCaseKey: toBase64Url(await wrapCaseKeyForMailbox(mailbox.mailboxKey, caseKey, organisationId, caseId)),
    },
    proofOfWork,
  };
  return { body, token, caseId };
}

export interface MailboxMessage {
  readonly id: string;
  readonly author: 'reporter' | 'staff';
  /** feedback: a retour d'information; reason: the motive of a decision on the alert. */
  readonly purpose: MessagePurpose;
  readonly sentAt: string;
  readonly text: string;
}

export interface MailboxAnswer {
  organisation: { id: string; slug: string; name: string };
  caseId: string;
  caseReference: string;
  category: string;
  state: string;
  explanation: { fr: string; en: string };
  receivedAt: string;
  feedbackDueOn: string;
  report: string;
  wrappedCaseKey: string;
  receipts: (SignedReceipt & { kind: string; issuedAt: string })[];
  messages: { id: string; author: 'reporter' | 'staff'; purpose: MessagePurpose; sentAt: string; ciphertext: string }[];
  timeline: {
    at: string;
    kind: 'received' | 'receipt' | 'message' | 'event';
    receiptKind?: string;
    author?: string;
    messageId?: string;
    event?: string;
    /** What the service tells the reporter about this event (events only). */
    notice?: { fr: string; en: string };
  }[];
  closedAt: string | null;
  meeting: { offered: boolean; requestedAt: string | null; dueOn: string | null; heldAt: string | null };
}

/** The case was purged under its retention rule: only its signed closure notice remains, for a while. */
export class MailboxPurgedError extends Error {
  override name = 'MailboxPurgedError';
  constructor(readonly closureNotice: SignedReceipt) {
    super('This alert was closed and its data deleted under the retention rules; only the closure notice remains.');
  }
}

export class ReporterClient {
  readonly http: VigieHttp;
  #caseKey: Uint8Array | undefined;
  #mailbox: MailboxAnswer | undefined;

  constructor(baseUrl: string) {
    this.http = new VigieHttp(baseUrl);
  }

  intake(slug: string): Promise<IntakeDescription> {
    return this.http.expect<IntakeDescription>(200, 'GET', `/api/v1/orgs/${encodeURIComponent(slug)}/intake`);
  }

  /** Encrypts and files an alert; returns the reference, the signed receipt and the token. */
  async file(slug: string, content: ReportContent, choices: FilingChoices = {}): Promise<FiledAlert> {
    const intake = await this.intake(slug);
    const proofOfWork = choices.proofOfWork ?? (await earnProofOfWork(this.http, 'filing'));
    const { body, token } = await prepareFiling(intake, content, choices, proofOfWork);
    const filed = await this.http.expect<Omit<FiledAlert, 'token'>>(201, 'POST', `/api/v1/orgs/${encodeURIComponent(slug)}/reports`, body);
    return { ...filed, token };
  }

  /**
   * Logs in to the mailbox with the token (lookup id + authenticator) and unwraps the case key.
   * Throws MailboxPurgedError, carrying the signed closure notice, when the case was purged.
   */
  async openMailbox(token: string, proofOfWork?: ProofOfWorkAnswer): Promise<MailboxAnswer> {
    const credentials = await deriveMailboxCredentials(token);
    const login = await this.http.send<{ status: 'purged'; closureNotice: SignedReceipt }>('POST', '/api/v1/mailbox/session', {
      lookupId: toBase64Url(credentials.lookupId),
      authenticator: toBase64Url(credentials.authenticator),
      proofOfWork: proofOfWork ?? (await earnProofOfWork(this.http, 'mailbox-login')),
    });
    if (login.status === 200 && login.body.status === 'purged') throw new MailboxPurgedError(login.body.closureNotice);
    if (login.status !== 204) throw new HttpError(login.status, login.body);
    const mailbox = await this.refresh();
    this.#caseKey = await unwrapCaseKeyFromMailbox(credentials.mailboxKey, fromBase64Url(mailbox.wrappedCaseKey), mailbox.organisation.id, mailbox.caseId);
    return mailbox;
  }

  async refresh(): Promise<MailboxAnswer> {
    this.#mailbox = await this.http.expect<MailboxAnswer>(200, 'GET', '/api/v1/mailbox');
    return this.#mailbox;
  }

  #open(): { caseKey: Uint8Array; mailbox: MailboxAnswer } {
    if (!this.#caseKey || !this.#mailbox) throw new Error('open the mailbox first');
    return { caseKey: this.#caseKey, mailbox: this.#mailbox };
  }

  /** The reporter's own report, decrypted. */
  async readReport(): Promise<ReportContent> {
    const { caseKey, mailbox } = this.#open();
    return parseReport(await openReport(caseKey, fromBase64Url(mailbox.report), mailbox.organisation.id, mailbox.caseId));
  }

  async readMessages(): Promise<MailboxMessage[]> {
    const { caseKey, mailbox } = this.#open();
    const out: MailboxMessage[] = [];
    for (const message of mailbox.messages) {
      const text = await openMessage(caseKey, fromBase64Url(message.ciphertext), {
        organisationId: mailbox.organisation.id,
        caseId: mailbox.caseId,
        messageId: message.id,
        author: message.author,
      });
      out.push({ id: message.id, author: message.author, purpose: message.purpose, sentAt: message.sentAt, text });
    }
    return out;
  }

  async reply(text: string): Promise<{ id: string; sentAt: string }> {
    const { caseKey, mailbox } = this.#open();
    const id = await newRandomId();
    const ciphertext = await sealMessage(caseKey, text, { organisationId: mailbox.organisation.id, caseId: mailbox.caseId, messageId: id, author: 'reporter' });
    return this.http.expect(201, 'POST', '/api/v1/mailbox/messages', { id, ciphertext: toBase64Url(ciphertext) });
  }

  /** Where this alert's documents are, for uploadDocument and downloadDocument. */
  documents(): DocumentPlace {
    const { caseKey, mailbox } = this.#open();
    return { http: this.http, prefix: '/api/v1/mailbox/documents', caseKey, organisationId: mailbox.organisation.id, caseId: mailbox.caseId };
  }

  async leave(): Promise<void> {
    await this.http.expect(204, 'DELETE', '/api/v1/mailbox/session');
    this.#caseKey = undefined;
    this.#mailbox = undefined;
  }
}
