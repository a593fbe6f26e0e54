// What an organisation tells reporters (texts, categories, review delay, recovery key), and
// its admin's management of it. A missing settings row means the built-in defaults.
import { checkDeadlinePolicy, DeadlinePolicyError, LEGAL_DEADLINES, type DeadlinePolicy } from '../domain/case-deadlines.ts';
import type { CommitteeRules } from '../domain/committee-tally.ts';
import { DEFAULT_DOCUMENT_MAX_BYTES, MAX_COMMITTEE_QUORUM, MAX_DOCUMENT_MAX_BYTES, MIN_DOCUMENT_MAX_BYTES } from '../domain/intake-limits.ts';
import { checkRetentionPolicy, LEGAL_RETENTION, RetentionPolicyError, type RetentionPolicy } from '../domain/retention.ts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { caseCategories, intakeSettings, type CalendarRegion, type IntakeTexts } from '../../db/schema.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import { DEFAULT_ADMISSIBILITY_REVIEW_DAYS, DEFAULT_CATEGORIES, DEFAULT_INTAKE_TEXTS, type Bilingual } from '../i18n/intake-defaults.ts';
import { X25519_PUBLIC_KEY_BYTES } from '../crypto/case-keys.ts';
import { appendAudit } from './audit-log.ts';
import { recomputeRetention } from './case-retention.ts';
import type { ServiceContext } from './context.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export interface IntakeSettings {
  readonly texts: { readonly whoCanReport: Bilingual; readonly whatHappensNext: Bilingual; readonly rights: Bilingual };
  /** Which texts the organisation wrote itself (the others are the built-in ones). */
  readonly customTexts: (keyof IntakeTexts)[];
  readonly admissibilityReviewDays: number;
  readonly calendarRegion: CalendarRegion;
  readonly recoveryPublicKey: Uint8Array | null;
  /** Signed acknowledgement at filing (else a referent acknowledges by hand). */
  readonly autoAcknowledge: boolean;
  /** The organisation's delays, never longer than the law's. */
  readonly deadlines: DeadlinePolicy;
  readonly offersMeetings: boolean;
  readonly committee: CommitteeRules;
  /** The organisation's retention, never longer than the law's (DESIGN.md §6). */
  readonly retention: RetentionPolicy;
  /** Largest supporting document accepted, in bytes of the file itself. */
  readonly documentMaxBytes: number;
}

export interface Category {
  readonly code: string;
  readonly label: Bilingual;
  readonly archived: boolean;
}

export { MAX_ADMISSIBILITY_REVIEW_DAYS, MAX_COMMITTEE_QUORUM, MAX_DOCUMENT_MAX_BYTES, MIN_DOCUMENT_MAX_BYTES } from '../domain/intake-limits.ts';
export const DEFAULT_COMMITTEE_QUORUM = 2;

/** The settings in force for an organisation (defaults where it set nothing). */
export async function intakeSettingsOf(tx: Executor, organisationId: string): Promise<IntakeSettings> {
  const [row] = await tx.select().from(intakeSettings).where(eq(intakeSettings.organisationId, organisationId));
  const own = row?.texts ?? {};
  return {
    texts: {
      whoCanReport: own.whoCanReport ?? DEFAULT_INTAKE_TEXTS.whoCanReport,
      whatHappensNext: own.whatHappensNext ?? DEFAULT_INTAKE_TEXTS.whatHappensNext,
      rights: own.rights ?? DEFAULT_INTAKE_TEXTS.rights,
    },
    customTexts: (Object.keys(own) as (keyof IntakeTexts)[]).filter((key) => own[key] !== undefined),
    admissibilityReviewDays: row?.admissibilityReviewDays ?? DEFAULT_ADMISSIBILITY_REVIEW_DAYS,
    calendarRegion: row?.calendarRegion ?? 'metropole',
    recoveryPublicKey: row?.recoveryPublicKey ?? null,
    autoAcknowledge: row?.autoAcknowledge ?? true,
    deadlines: row ? { ackWorkingDays: row.ackWorkingDays, feedbackMonths: row.feedbackMonths, meetingWorkingDays: row.meetingWorkingDays } : LEGAL_DEADLINES,
    offersMeetings: row?.offersMeetings ?? false,
    committee: { quorum: row?.committeeQuorum ?? DEFAULT_COMMITTEE_QUORUM, majority: row?.committeeMajority ?? 'simple' },
    retention: row ? { noFollowUpMonths: row.retentionNoFollowUpMonths, followUpMaxMonths: row.retentionFollowUpMaxMonths } : LEGAL_RETENTION,
    documentMaxBytes: row?.documentMaxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES,
  };
}

export async function categoriesOf(tx: Executor, organisationId: string, options: { includeArchived: boolean }): Promise<Category[]> {
  const rows = await tx
    .select()
    .from(caseCategories)
    .where(and(eq(caseCategories.organisationId, organisationId), options.includeArchived ? undefined : isNull(caseCategories.archivedAt)))
    .orderBy(asc(caseCategories.position), asc(caseCategories.code));
  return rows.map((row) => ({ code: row.code, label: { fr: row.labelFr, en: row.labelEn }, archived: row.archivedAt !== null }));
}

/** Gives a new organisation the built-in categories (inside its creation transaction). */
export async function seedDefaultCategories(tx: Executor, organisationId: string): Promise<void> {
  await tx.insert(caseCategories).values(
    DEFAULT_CATEGORIES.map((category, index) => ({ organisationId, code: category.code, labelFr: category.label.fr, labelEn: category.label.en, position: index + 1 })),
  );
}

async function upsertSettings(tx: Executor, organisationId: string, now: Date, changes: Partial<typeof intakeSettings.$inferInsert>): Promise<void> {
  await tx
    .insert(intakeSettings)
    .values({ organisationId, updatedAt: now, ...changes })
    .onConflictDoUpdate({ target: intakeSettings.organisationId, set: { ...changes, updatedAt: now } });
}

export interface IntakeSettingsChange {
  /** A text set to null goes back to the built-in default. */
  readonly texts?: { [K in keyof IntakeTexts]?: Bilingual | null };
  readonly admissibilityReviewDays?: number;
  readonly calendarRegion?: CalendarRegion;
  readonly autoAcknowledge?: boolean;
  readonly deadlines?: Partial<DeadlinePolicy>;
  readonly offersMeetings?: boolean;
  readonly committee?: Partial<CommitteeRules>;
  /** Shorter than the law only; closed cases' purge days are recomputed at once. */
  readonly retention?: Partial<RetentionPolicy>;
  readonly documentMaxBytes?: number;
}

export function updateIntakeSettings(ctx: ServiceContext, admin: StaffPrincipal, change: IntakeSettingsChange): Promise<IntakeSettings> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const current = await intakeSettingsOf(tx, admin.organisationId);
    const deadlines = { ...current.deadlines, ...change.deadlines };
    try {
      checkDeadlinePolicy(deadlines);
    } catch (error) {
      if (error instanceof DeadlinePolicyError) throw new InvalidInputError(error.message, 'deadline_too_long');
      throw error;
    }
    const retention = { ...current.retention, ...change.retention };
    try {
      checkRetentionPolicy(retention);
    } catch (error) {
      if (error instanceof RetentionPolicyError) throw new InvalidInputError(error.message, 'retention_too_long');
      throw error;
    }
    const committee = { ...current.committee, ...change.committee };
    if (!Number.isInteger(committee.quorum) || committee.quorum < 1 || committee.quorum > MAX_COMMITTEE_QUORUM) {
      throw new InvalidInputError(`The committee's quorum is a number of votes from 1 to ${MAX_COMMITTEE_QUORUM}.`, 'invalid_quorum');
    }
    if (change.documentMaxBytes !== undefined && (!Number.isSafeInteger(change.documentMaxBytes) || change.documentMaxBytes < MIN_DOCUMENT_MAX_BYTES || change.documentMaxBytes > MAX_DOCUMENT_MAX_BYTES)) {
      throw new InvalidInputError(`The largest document is a number of bytes from ${MIN_DOCUMENT_MAX_BYTES} to ${MAX_DOCUMENT_MAX_BYTES}.`, 'invalid_document_limit');
    }
    const [row] = await tx.select({ texts: intakeSettings.texts }).from(intakeSettings).where(eq(intakeSettings.organisationId, admin.organisationId)).for('update');
    const texts: IntakeTexts = { ...(row?.texts ?? {}) };
    for (const [key, value] of Object.entries(change.texts ?? {}) as [keyof IntakeTexts, Bilingual | null][]) {
      if (value === null) delete texts[key];
      else texts[key] = { fr: value.fr.trim(), en: value.en.trim() };
    }
    await upsertSettings(tx, admin.organisationId, now, {
      texts,
      ...(change.admissibilityReviewDays === undefined ? {} : { admissibilityReviewDays: change.admissibilityReviewDays }),
      ...(change.calendarRegion === undefined ? {} : { calendarRegion: change.calendarRegion }),
      ...(change.autoAcknowledge === undefined ? {} : { autoAcknowledge: change.autoAcknowledge }),
      ...(change.offersMeetings === undefined ? {} : { offersMeetings: change.offersMeetings }),
      ...(change.documentMaxBytes === undefined ? {} : { documentMaxBytes: change.documentMaxBytes }),
      ackWorkingDays: deadlines.ackWorkingDays,
      feedbackMonths: deadlines.feedbackMonths,
      meetingWorkingDays: deadlines.meetingWorkingDays,
      committeeQuorum: committee.quorum,
      committeeMajority: committee.majority,
      retentionNoFollowUpMonths: retention.noFollowUpMonths,
      retentionFollowUpMaxMonths: retention.followUpMaxMonths,
    });
    const retentionChanged = retention.noFollowUpMonths !== current.retention.noFollowUpMonths || retention.followUpMaxMonths !== current.retention.followUpMaxMonths;
    const calendarChanged = change.calendarRegion !== undefined && change.calendarRegion !== current.calendarRegion;
    if (retentionChanged || calendarChanged) await recomputeRetention(tx, admin.organisationId);
    await appendAudit(tx, now, {
      organisationId: admin.organisationId,
      actorKind: 'staff',
      actorId: admin.accountId,
      action: 'intake.settings_changed',
      details: { fields: [...Object.keys(change.texts ?? {}).map((k) => `texts.${k}`), ...Object.keys(change).filter((k) => k !== 'texts')] },
    });
    return intakeSettingsOf(tx, admin.organisationId);
  });
}

/** Sets (or replaces) the public half of the organisation's recovery key; it is a recipient of every new case. */
export function setRecoveryPublicKey(ctx: ServiceContext, admin: StaffPrincipal, publicKey: Uint8Array): Promise<void> {
  if (publicKey.length !== X25519_PUBLIC_KEY_BYTES) throw new InvalidInputError(`A recovery public key is ${X25519_PUBLIC_KEY_BYTES} bytes (X25519).`);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx.select({ key: intakeSettings.recoveryPublicKey }).from(intakeSettings).where(eq(intakeSettings.organisationId, admin.organisationId)).for('update');
    await upsertSettings(tx, admin.organisationId, now, { recoveryPublicKey: publicKey });
    await appendAudit(tx, now, {
      organisationId: admin.organisationId,
      actorKind: 'staff',
      actorId: admin.accountId,
      action: row?.key ? 'intake.recovery_key_replaced' : 'intake.recovery_key_set',
    });
  });
}

async function categoryRow(tx: Executor, organisationId: string, code: string) {
  const [row] = await tx
    .select()
    .from(caseCategories)
    .where(and(eq(caseCategories.organisationId, organisationId), eq(caseCategories.code, code)))
    .for('update');
  if (!row) throw new NotFoundError(`No category "${code}" in your organisation.`);
  return row;
}

export function addCategory(ctx: ServiceContext, admin: StaffPrincipal, input: { code: string; label: Bilingual }): Promise<Category> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${caseCategories.position}), 0)::int` })
      .from(caseCategories)
      .where(eq(caseCategories.organisationId, admin.organisationId));
    const inserted = await tx
      .insert(caseCategories)
      .values({ organisationId: admin.organisationId, code: input.code, labelFr: input.label.fr.trim(), labelEn: input.label.en.trim(), position: (last?.position ?? 0) + 1 })
      .onConflictDoNothing()
      .returning({ code: caseCategories.code });
    if (inserted.length === 0) throw new ConflictError(`A category "${input.code}" already exists (archived ones keep their code).`, 'category_exists');
    await appendAudit(tx, now, { organisationId: admin.organisationId, actorKind: 'staff', actorId: admin.accountId, action: 'intake.category_added', subjectId: input.code });
    return { code: input.code, label: input.label, archived: false };
  });
}

/** Renames, reorders, archives or restores a category; cases keep the code they were filed with. */
export function updateCategory(
  ctx: ServiceContext,
  admin: StaffPrincipal,
  code: string,
  change: { label?: Bilingual; position?: number; archived?: boolean },
): Promise<Category> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await categoryRow(tx, admin.organisationId, code);
    const next = {
      labelFr: change.label?.fr.trim() ?? row.labelFr,
      labelEn: change.label?.en.trim() ?? row.labelEn,
      position: change.position ?? row.position,
      archivedAt: change.archived === undefined ? row.archivedAt : change.archived ? (row.archivedAt ?? now) : null,
    };
    if (next.archivedAt && !row.archivedAt) {
      const [open] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(caseCategories)
        .where(and(eq(caseCategories.organisationId, admin.organisationId), isNull(caseCategories.archivedAt)));
      if ((open?.count ?? 0) <= 1) throw new ConflictError('Reporters need at least one category: add another before archiving this one.', 'last_category');
    }
    await tx.update(caseCategories).set(next).where(and(eq(caseCategories.organisationId, admin.organisationId), eq(caseCategories.code, code)));
    await appendAudit(tx, now, {
      organisationId: admin.organisationId,
      actorKind: 'staff',
      actorId: admin.accountId,
      action: 'intake.category_changed',
      subjectId: code,
      details: { fields: Object.keys(change) },
    });
    return { code, label: { fr: next.labelFr, en: next.labelEn }, archived: next.archivedAt !== null };
  });
}
