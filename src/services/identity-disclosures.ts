// LEGAL.md L8: a confidential reporter's identity goes beyond the recipients only with their
// consent, or to the judicial authority. A referent records each disclosure (basis, consent, and
// to whom, encrypted under the case key); the reporter gets a written notice in the mailbox.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { identityDisclosures, type DisclosureBasis } from '../../db/schema.ts';
import { checkEnvelopeShape } from '../crypto/envelope.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy } from './case-access.ts';
import { recordEvent } from './case-events.ts';
import type { ServiceContext } from './context.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface DisclosureRequest {
  readonly id: string;
  readonly legalBasis: DisclosureBasis;
  readonly consentGiven: boolean;
  /** To whom and why, encrypted under the case key by the referent's client. */
  readonly detailsCiphertext: Uint8Array;
}

export interface StoredDisclosure {
  readonly id: string;
  readonly recordedBy: string;
  readonly legalBasis: DisclosureBasis;
  readonly consentGiven: boolean;
  readonly detailsCiphertext: Uint8Array;
  readonly recordedAt: Date;
}

export function recordIdentityDisclosure(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, request: DisclosureRequest): Promise<{ recordedAt: Date }> {
  if (request.detailsCiphertext.length > ctx.config.intake.messageMaxBytes) throw new InvalidInputError('The encrypted details are too long.', 'details_too_long');
  checkEnvelopeShape(request.detailsCiphertext);
  if (request.legalBasis === 'consent' && !request.consentGiven) {
    throw new InvalidInputError("A disclosure on the basis of consent needs the reporter's consent; without it, only the judicial authority may be told.", 'consent_required');
  }
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    if (!staff.roles.includes('referent')) throw new ForbiddenError('Only a referent records an identity disclosure.', 'role_required');
    if (row.identityMode !== 'confidential') throw new ConflictError('This report is anonymous: there is no identity to disclose.', 'anonymous_report');
    const at = ctx.clock.now();
    const inserted = await tx
      .insert(identityDisclosures)
      .values({ id: request.id, caseId, recordedBy: staff.accountId, legalBasis: request.legalBasis, consentGiven: request.consentGiven, detailsCiphertext: request.detailsCiphertext, recordedAt: at })
      .onConflictDoNothing()
      .returning({ id: identityDisclosures.id });
    if (inserted.length === 0) throw new ConflictError('This disclosure id is taken; draw a new random id.', 'disclosure_id_taken');
    const details = { legalBasis: request.legalBasis, consentGiven: request.consentGiven };
    await recordEvent(tx, { caseId, kind: 'identity_disclosed', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: true, details, at });
    await appendAudit(tx, at, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.identity_disclosed', subjectId: caseId, details: { ...details, disclosureId: request.id } });
    return { recordedAt: at };
  });
}

export async function disclosuresOf(tx: Executor, caseId: string): Promise<StoredDisclosure[]> {
  return tx
    .select({
      id: identityDisclosures.id,
      recordedBy: identityDisclosures.recordedBy,
      legalBasis: identityDisclosures.legalBasis,
      consentGiven: identityDisclosures.consentGiven,
      detailsCiphertext: identityDisclosures.detailsCiphertext,
      recordedAt: identityDisclosures.recordedAt,
    })
    .from(identityDisclosures)
    .where(eq(identityDisclosures.caseId, caseId))
    .orderBy(asc(identityDisclosures.recordedAt));
}
