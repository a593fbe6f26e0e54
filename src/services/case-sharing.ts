// Sharing and impartiality (LEGAL.md L9): a referent holding a case re-wraps its key in their
// client for a colleague or for the committee; a staff member concerned by a case recuses
// themselves and loses it. Nobody the alert concerns (excluded by the reporter, or recused) can
// ever be given the case. Every share and recusal is audited.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { notifyStaff } from './notifications/notify-staff.ts';
import type { Executor } from '../../db/index.ts';
import { caseExclusions, caseKeyGrants, committeeVotes, staffAccounts } from '../../db/schema.ts';
import { checkSealedCaseKey } from '../crypto/case-keys.ts';
import { ConflictError, ForbiddenError, InvalidInputError } from '../domain/errors.ts';
import { isOpen } from '../domain/case-workflow.ts';
import { appendAudit } from './audit-log.ts';
import { caseHeldBy, type CaseRow } from './case-access.ts';
import { recordEvent } from './case-events.ts';
import { eligibleRecipients, type Recipient } from './case-recipients.ts';
import type { ServiceContext } from './context.ts';
import { intakeSettingsOf } from './intake-settings.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface ShareGrant {
  readonly recipient: string;
  readonly sealedKey: Uint8Array;
}

/** Staff the case concerns: excluded by the reporter or recused. */
export async function concernedStaff(tx: Executor, caseId: string): Promise<Set<string>> {
  const rows = await tx.select({ id: caseExclusions.staffAccountId }).from(caseExclusions).where(eq(caseExclusions.caseId, caseId));
  return new Set(rows.map((row) => row.id));
}

/** Holders of the case with the referent role (those who answer the reporter). */
export async function referentHolders(tx: Executor, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: staffAccounts.id })
    .from(caseKeyGrants)
    .innerJoin(staffAccounts, eq(staffAccounts.id, caseKeyGrants.staffAccountId))
    .where(and(eq(caseKeyGrants.caseId, caseId), sql`'referent' = any(${staffAccounts.roles})`));
  return rows.map((row) => row.id);
}

export async function grantHolders(tx: Executor, caseId: string): Promise<Set<string>> {
  const rows = await tx.select({ id: caseKeyGrants.staffAccountId }).from(caseKeyGrants).where(eq(caseKeyGrants.caseId, caseId));
  return new Set(rows.flatMap((row) => (row.id ? [row.id] : [])));
}

/** Who may still be given the case: active referents and committee members, not concerned, not holding it. */
export async function shareCandidates(tx: Executor, row: Pick<CaseRow, 'id' | 'organisationId'>): Promise<Recipient[]> {
  const [everyone, concerned, holders] = [await eligibleRecipients(tx, row.organisationId), await concernedStaff(tx, row.id), await grantHolders(tx, row.id)];
  return everyone.filter((r) => !concerned.has(r.id) && !holders.has(r.id));
}

/** Committee members who may vote on the case: holders with the committee role, active, not concerned. */
export async function eligibleVoters(tx: Executor, row: Pick<CaseRow, 'id' | 'organisationId'>): Promise<string[]> {
  const [everyone, concerned, holders] = [await eligibleRecipients(tx, row.organisationId), await concernedStaff(tx, row.id), await grantHolders(tx, row.id)];
  return everyone.filter((r) => r.roles.includes('committee') && holders.has(r.id) && !concerned.has(r.id)).map((r) => r.id);
}

async function insertGrants(tx: Executor, row: CaseRow, grants: readonly ShareGrant[], at: Date): Promise<void> {
  for (const grant of grants) checkSealedCaseKey(grant.sealedKey);
  if (grants.length === 0) return;
  await tx.insert(caseKeyGrants).values(
    grants.map((grant) => ({ id: randomUUID(), caseId: row.id, organisationId: row.organisationId, staffAccountId: grant.recipient, sealedKey: grant.sealedKey, grantedAt: at })),
  );
}

function requireReferent(staff: StaffPrincipal): void {
  if (!staff.roles.includes('referent')) throw new ForbiddenError('Only a referent holding the case may share it.', 'role_required');
}

/** Shares a case with one colleague (referent or committee member), the key sealed for them by the caller's client. */
export function shareCase(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, grant: ShareGrant): Promise<{ sharedAt: Date }> {
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    requireReferent(staff);
    if (!isOpen(row.state)) throw new ConflictError('This case is closed: it can no longer be shared.', 'case_closed');
    if ((await concernedStaff(tx, caseId)).has(grant.recipient)) {
      throw new ConflictError('The alert concerns this person (left out by the reporter, or recused): they can never be given the case.', 'recipient_concerned');
    }
    if ((await grantHolders(tx, caseId)).has(grant.recipient)) throw new ConflictError('This person already holds the case.', 'already_shared');
    const eligible = await eligibleRecipients(tx, row.organisationId);
    if (!eligible.some((r) => r.id === grant.recipient)) {
      throw new InvalidInputError('This person is not an active referent or committee member of your organisation.', 'unknown_recipient');
    }
    const at = ctx.clock.now();
    await insertGrants(tx, row, [grant], at);
    await notifyStaff(tx, at, { organisationId: row.organisationId, recipients: [grant.recipient], kind: 'case_shared', causedBy: staff.accountId });
    await recordEvent(tx, { caseId, kind: 'shared', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: false, details: { recipients: [grant.recipient] }, at });
    await appendAudit(tx, at, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.shared', subjectId: caseId, details: { recipient: grant.recipient } });
    return { sharedAt: at };
  });
}

/**
 * Inside send_to_committee: seals the case for every committee member who may read it and does
 * not hold it yet. The grants must cover exactly those members; the committee must then be able
 * to reach its quorum.
 */
export async function shareWithCommittee(ctx: ServiceContext, tx: Executor, staff: StaffPrincipal, row: CaseRow, grants: readonly ShareGrant[], at: Date): Promise<void> {
  const [everyone, concerned, holders, settings] = [await eligibleRecipients(tx, row.organisationId), await concernedStaff(tx, row.id), await grantHolders(tx, row.id), await intakeSettingsOf(tx, row.organisationId)];
  const members = everyone.filter((r) => r.roles.includes('committee') && !concerned.has(r.id));
  const needed = new Set(members.filter((m) => !holders.has(m.id)).map((m) => m.id));
  const given = new Set(grants.map((g) => g.recipient));
  const missing = [...needed].filter((id) => !given.has(id));
  const extra = [...given].filter((id) => !needed.has(id));
  if (missing.length > 0 || extra.length > 0 || given.size !== grants.length) {
    throw new InvalidInputError(
      `Seal the case key for exactly the committee members who may read it and do not hold it yet${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; not expected: ${extra.join(', ')}` : ''}.`,
      'committee_grants_mismatch',
    );
  }
  if (members.length < settings.committee.quorum) {
    throw new ConflictError(`The committee has ${members.length} member(s) who may vote on this case; its quorum is ${settings.committee.quorum}.`, 'committee_too_small');
  }
  await insertGrants(tx, row, grants, at);
  await notifyStaff(tx, at, { organisationId: row.organisationId, recipients: members.map((m) => m.id), kind: 'vote_requested', causedBy: staff.accountId });
  await recordEvent(tx, { caseId: row.id, kind: 'shared', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: false, details: { recipients: [...given], committee: true }, at });
  await appendAudit(tx, at, { organisationId: row.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.shared_with_committee', subjectId: row.id, details: { recipients: [...given] } });
}

/**
 * The caller declares that the case concerns them: their key and any vote go, and they can never
 * be given the case again. The last referent holding an open case must first share it.
 */
export function recuse(ctx: ServiceContext, staff: StaffPrincipal, caseId: string, afterRecusal: (tx: Executor, row: CaseRow, at: Date) => Promise<void>): Promise<{ recusedAt: Date }> {
  return ctx.db.transaction(async (tx) => {
    const { row } = await caseHeldBy(tx, staff, caseId, { lock: true });
    const holders = [...(await grantHolders(tx, caseId))].filter((id) => id !== staff.accountId);
    if (isOpen(row.state) && staff.roles.includes('referent')) {
      const others =
        holders.length === 0
          ? []
          : await tx.select({ roles: staffAccounts.roles }).from(staffAccounts).where(and(inArray(staffAccounts.id, holders), eq(staffAccounts.status, 'active')));
      if (!others.some((o) => o.roles.includes('referent'))) {
        throw new ConflictError('You are the last referent holding this case: share it with another referent before recusing yourself.', 'last_referent');
      }
    }
    const at = ctx.clock.now();
    await tx.delete(caseKeyGrants).where(and(eq(caseKeyGrants.caseId, caseId), eq(caseKeyGrants.staffAccountId, staff.accountId)));
    // A vote cast while the committee is still deciding no longer counts; a decided vote stays on record.
    if (row.state === 'committee_review') {
      await tx.delete(committeeVotes).where(and(eq(committeeVotes.caseId, caseId), eq(committeeVotes.staffAccountId, staff.accountId)));
    }
    await tx.insert(caseExclusions).values({ caseId, staffAccountId: staff.accountId, reason: 'recused' }).onConflictDoNothing();
    await recordEvent(tx, { caseId, kind: 'recused', actorKind: 'staff', actorStaffId: staff.accountId, visibleToReporter: false, at });
    await appendAudit(tx, at, { organisationId: staff.organisationId, actorKind: 'staff', actorId: staff.accountId, action: 'case.recused', subjectId: caseId });
    await afterRecusal(tx, row, at);
    return { recusedAt: at };
  });
}
