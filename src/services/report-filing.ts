// Filing an alert (DESIGN.md §4): the client sends only ciphertexts, sealed keys and mailbox
// credentials. Every check runs before the one transaction that stores the case, its keys, its
// mailbox and its signed acknowledgement; a refusal writes nothing, a 201 means all of it is stored.
import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { caseExclusions, caseKeyGrants, cases, mailboxes, type IdentityMode } from '../../db/schema.ts';
import { checkSealedCaseKey, checkWrappedCaseKey, ciphertextDigest } from '../crypto/case-keys.ts';
import { checkEnvelopeShape } from '../crypto/envelope.ts';
import { MAILBOX_AUTHENTICATOR_BYTES, MAILBOX_LOOKUP_ID_BYTES } from '../crypto/mailbox-token.ts';
import type { SignedReceipt } from '../crypto/receipts.ts';
import { newCaseReference } from '../crypto/server/case-reference.ts';
import { caseDeadlines } from '../domain/case-deadlines.ts';
import { recordEvent } from './case-events.ts';
import { ConflictError, InvalidInputError, PayloadTooLargeError, TooManyRequestsError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { eligibleRecipients, type Recipient } from './case-recipients.ts';
import type { ServiceContext } from './context.ts';
import { categoriesOf, intakeSettingsOf } from './intake-settings.ts';
import { mailboxAuthenticatorHash } from './mailbox-credentials.ts';
import { findOrganisationBySlug } from './organisations.ts';
import { checkProofOfWork, spendChallenge, type ProofOfWork } from './proof-of-work.ts';
import { issueAcknowledgement } from './receipts.ts';
import { notifyStaff } from './notifications/notify-staff.ts';

/** Grant addressed to the organisation's recovery key rather than to a staff member. */
export const RECOVERY_RECIPIENT = 'recovery';
export const MAX_RECIPIENTS = 50;

export interface FilingRequest {
  readonly caseId: string;
  readonly category: string;
  readonly identityMode: IdentityMode;
  readonly report: Uint8Array;
  readonly grants: readonly { readonly recipient: string; readonly sealedKey: Uint8Array }[];
  readonly excluded: readonly string[];
  readonly mailbox: { readonly lookupId: Uint8Array; readonly authenticator: Uint8Array; readonly wrappedCaseKey: Uint8Array };
  readonly proofOfWork: ProofOfWork;
}

export interface FiledReport {
  readonly caseId: string;
  readonly caseReference: string;
  readonly receivedAt: Date;
  /** Null when the organisation acknowledges by hand (automatic acknowledgement off). */
  readonly receipt: SignedReceipt | null;
  /** Last day for the written acknowledgement (already met when automatic). */
  readonly ackDueOn: string;
}

function checkShapes(ctx: ServiceContext, request: FilingRequest): void {
  if (request.report.length > ctx.config.intake.reportMaxBytes) {
    throw new PayloadTooLargeError(`The encrypted report is ${request.report.length} bytes; this service accepts at most ${ctx.config.intake.reportMaxBytes}.`);
  }
  checkEnvelopeShape(request.report);
  for (const grant of request.grants) checkSealedCaseKey(grant.sealedKey);
  checkWrappedCaseKey(request.mailbox.wrappedCaseKey);
  if (request.mailbox.lookupId.length !== MAILBOX_LOOKUP_ID_BYTES || request.mailbox.authenticator.length !== MAILBOX_AUTHENTICATOR_BYTES) {
    throw new InvalidInputError(`The mailbox lookup id is ${MAILBOX_LOOKUP_ID_BYTES} bytes and the authenticator ${MAILBOX_AUTHENTICATOR_BYTES}.`, 'invalid_mailbox');
  }
}

function checkRecipients(request: FilingRequest, recipients: Recipient[], recoveryKey: Uint8Array | null): void {
  const chosen = request.grants.map((grant) => grant.recipient);
  if (new Set(chosen).size !== chosen.length) throw new InvalidInputError('Each recipient may receive the case key once.', 'duplicate_recipient');
  const eligible = new Map(recipients.map((recipient) => [recipient.id, recipient]));
  const staffIds = chosen.filter((id) => id !== RECOVERY_RECIPIENT);
  const unknown = [...staffIds, ...request.excluded].find((id) => !eligible.has(id));
  if (unknown !== undefined) {
    throw new InvalidInputError(`${unknown} is not a person who may receive reports in this organisation. Reload the list of recipients.`, 'unknown_recipient');
  }
  if (request.excluded.some((id) => staffIds.includes(id))) {
    throw new InvalidInputError('A person you excluded cannot also receive the report.', 'excluded_recipient');
  }
  if (!staffIds.some((id) => eligible.get(id)?.roles.includes('referent'))) {
    throw new InvalidInputError('At least one referent must receive the report.', 'no_referent');
  }
  if (recoveryKey && !chosen.includes(RECOVERY_RECIPIENT)) {
    throw new InvalidInputError("This organisation has a recovery key: the case key must also be sealed for it (recipient \"recovery\").", 'recovery_key_missing');
  }
  if (!recoveryKey && chosen.includes(RECOVERY_RECIPIENT)) {
    throw new InvalidInputError('This organisation has no recovery key.', 'unknown_recipient');
  }
}

/** Filings of the organisation in the hour before `now` (an index range scan on cases_org_received). */
async function filingsInLastHour(ctx: ServiceContext, organisationId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 3_600_000);
  return ctx.db.$count(cases, and(eq(cases.organisationId, organisationId), gt(cases.receivedAt, since)));
}

function checkCeiling(ctx: ServiceContext, recentFilings: number): void {
  if (recentFilings >= ctx.config.intake.filingsPerHour) {
    throw new TooManyRequestsError('This organisation has received an unusual number of alerts in the last hour. Please try again a little later: nothing was recorded.', 600);
  }
}

export async function fileReport(ctx: ServiceContext, slug: string, request: FilingRequest): Promise<FiledReport> {
  const organisation = await findOrganisationBySlug(ctx, slug);
  const proof = await checkProofOfWork(ctx, 'filing', request.proofOfWork);
  checkShapes(ctx, request);
  const receivedAt = ctx.clock.now();
  // Independent reads, issued together: one round trip of waiting instead of four.
  const [settings, categories, recipients, recentFilings] = await Promise.all([
    intakeSettingsOf(ctx.db, organisation.id),
    categoriesOf(ctx.db, organisation.id, { includeArchived: false }),
    eligibleRecipients(ctx.db, organisation.id),
    filingsInLastHour(ctx, organisation.id, receivedAt),
  ]);
  if (!categories.some((category) => category.code === request.category)) {
    throw new InvalidInputError(`"${request.category}" is not one of this organisation's categories.`, 'unknown_category');
  }
  checkRecipients(request, recipients, settings.recoveryPublicKey);
  checkCeiling(ctx, recentFilings);
  const acknowledgedAt = settings.autoAcknowledge ? receivedAt : null;
  const deadlines = caseDeadlines(receivedAt, acknowledgedAt, settings.calendarRegion, settings.deadlines);
  const reportDigest = await ciphertextDigest(request.report);
  const authenticatorHash = await mailboxAuthenticatorHash(ctx, request.mailbox.lookupId, request.mailbox.authenticator);

  return ctx.db.transaction(async (tx) => {
    await spendChallenge(tx, proof);
    let caseReference: string | undefined;
    for (let attempt = 0; attempt < 5 && !caseReference; attempt++) {
      const reference = await newCaseReference();
      const inserted = await tx
        .insert(cases)
        .values({
          id: request.caseId,
          organisationId: organisation.id,
          reference,
          category: request.category,
          identityMode: request.identityMode,
          state: acknowledgedAt ? 'acknowledged' : 'received',
          receivedAt,
          acknowledgedAt,
          ackDueOn: deadlines.ackDueOn,
          feedbackDueOn: deadlines.feedbackDueOn,
          reportCiphertext: request.report,
        })
        .onConflictDoNothing()
        .returning({ id: cases.id });
      if (inserted.length > 0) caseReference = reference;
      else if ((await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, request.caseId))).length > 0) {
        throw new ConflictError('A case with this id already exists; a filing client draws a new random case id for each alert.', 'case_id_taken');
      }
    }
    if (!caseReference) throw new Error('could not draw a free case reference');
    await tx.insert(caseKeyGrants).values(
      request.grants.map((grant) => ({
        id: randomUUID(),
        caseId: request.caseId,
        organisationId: organisation.id,
        staffAccountId: grant.recipient === RECOVERY_RECIPIENT ? null : grant.recipient,
        sealedKey: grant.sealedKey,
        grantedAt: receivedAt,
      })),
    );
    if (request.excluded.length > 0) {
      await tx.insert(caseExclusions).values(request.excluded.map((staffAccountId) => ({ caseId: request.caseId, staffAccountId })));
    }
    const mailbox = await tx
      .insert(mailboxes)
      .values({ caseId: request.caseId, lookupId: request.mailbox.lookupId, authenticatorHash, wrappedCaseKey: request.mailbox.wrappedCaseKey })
      .onConflictDoNothing()
      .returning({ caseId: mailboxes.caseId });
    if (mailbox.length === 0) throw new ConflictError('This mailbox token is already in use; the client draws a new token for each alert.', 'mailbox_taken');
    // Automatic acknowledgement unless the organisation turned it off (then a referent acknowledges).
    const receipt = !acknowledgedAt
      ? null
      : await issueAcknowledgement(
      ctx,
      tx,
      {
        caseId: request.caseId,
        caseReference,
        organisation: { slug: organisation.slug, name: organisation.name },
        receivedAt,
        reportDigest,
        admissibilityReviewDays: settings.admissibilityReviewDays,
        feedbackDueOn: deadlines.feedbackDueOn,
        calendarRegion: settings.calendarRegion,
      },
      receivedAt,
    );
    if (acknowledgedAt) {
      await recordEvent(tx, { caseId: request.caseId, kind: 'acknowledged', actorKind: 'system', visibleToReporter: false, details: { automatic: true }, at: receivedAt });
    }
    await notifyStaff(tx, receivedAt, { organisationId: organisation.id, recipients: request.grants.flatMap((grant) => (grant.recipient === RECOVERY_RECIPIENT ? [] : [grant.recipient])), kind: 'new_alert' });
    // Last statement before commit: the audit chain's organisation lock is held as briefly as possible.
    await appendAudit(tx, receivedAt, {
      organisationId: organisation.id,
      actorKind: 'reporter',
      actorId: null,
      action: 'case.filed',
      subjectId: request.caseId,
      details: { category: request.category, identityMode: request.identityMode, recipients: request.grants.length, excluded: request.excluded.length },
    });
    return { caseId: request.caseId, caseReference, receivedAt, receipt, ackDueOn: deadlines.ackDueOn };
  });
}
