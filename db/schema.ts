// The single source of truth for tables. Migrations in db/migrations are generated from it
// (npm run db:generate) and applied at start-up by both drivers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CaseOutcome, FollowUpKind } from '../src/domain/case-workflow.ts';
import type { CommitteeMajority, VoteChoice } from '../src/domain/committee-tally.ts';
import type { RetentionRule } from '../src/domain/retention.ts';

/** bytea as Uint8Array for both drivers (postgres.js wants Buffers on the way in). */
export const bytea = customType<{ data: Uint8Array<ArrayBufferLike>; driverData: Uint8Array<ArrayBufferLike> }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const STAFF_ROLES = ['admin', 'referent', 'committee', 'dpo'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffStatus = 'invited' | 'active' | 'disabled';

export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
    /** Lower-cased; null only for an invitation made without one (first admin from the CLI). */
    email: text('email'),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().$type<StaffRole[]>().notNull(),
    status: text('status').$type<StaffStatus>().notNull(),
    language: text('language').$type<'fr' | 'en'>().notNull().default('fr'),
    /** E-mail notifications: each as it happens, or one digest a day. */
    notificationMode: text('notification_mode').$type<NotificationMode>().notNull().default('immediate'),
    kdfSalt: bytea('kdf_salt'),
    kdfOpsLimit: integer('kdf_ops_limit'),
    kdfMemLimit: integer('kdf_mem_limit'),
    authHash: text('auth_hash'),
    publicKey: bytea('public_key'),
    sealedPrivateKey: bytea('sealed_private_key'),
    totpSecretSealed: bytea('totp_secret_sealed'),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('staff_accounts_org_email').on(t.organisationId, t.email)],
);

export const staffInvitations = pgTable('staff_invitations', {
  /** Keyed hash of the one-time code; the code itself is never stored. */
  codeHash: bytea('code_hash').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  accountId: uuid('account_id').notNull().references(() => staffAccounts.id),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const staffSessions = pgTable(
  'staff_sessions',
  {
    /** Keyed hash of the cookie value; the cookie value itself is never stored. */
    idHash: bytea('id_hash').primaryKey(),
    accountId: uuid('account_id').notNull().references(() => staffAccounts.id),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('staff_sessions_account').on(t.accountId)],
);

/** Failed-login counters keyed by a keyed hash of (organisation, e-mail): known and unknown e-mails alike. */
export const loginThrottle = pgTable('login_throttle', {
  keyHash: bytea('key_hash').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export type AuditActorKind = 'staff' | 'reporter' | 'system' | 'operator' | 'unknown';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorKind: text('actor_kind').$type<AuditActorKind>().notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectId: text('subject_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    prevHash: bytea('prev_hash').notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_log_org_seq').on(t.organisationId, t.seq)],
);

// ---------------------------------------------------------------------------------------------
// Intake: what an organisation shows reporters, and the cases they file.

/** Calendar regions: which public holidays count and which time zone decides "the day of receipt". */
export const CALENDAR_REGIONS = ['metropole', 'alsace-moselle', 'guadeloupe', 'martinique', 'guyane', 'la-reunion', 'mayotte'] as const;
export type CalendarRegion = (typeof CALENDAR_REGIONS)[number];

/** Procedure texts shown to reporters, each in French and English; null = the built-in default. */
export interface IntakeTexts {
  whoCanReport?: { fr: string; en: string };
  whatHappensNext?: { fr: string; en: string };
  rights?: { fr: string; en: string };
}

export const intakeSettings = pgTable('intake_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  texts: jsonb('texts').$type<IntakeTexts>().notNull().default(sql`'{}'::jsonb`),
  /** Expected time for the admissibility review, in jours ouvrés, stated on every acknowledgement. */
  admissibilityReviewDays: integer('admissibility_review_days').notNull().default(15),
  calendarRegion: text('calendar_region').$type<CalendarRegion>().notNull().default('metropole'),
  /** Public half of the organisation's recovery key (X25519); a recipient of every case when set. */
  recoveryPublicKey: bytea('recovery_public_key'),
  /** Signed acknowledgement issued at filing; when off, a referent acknowledges by hand. */
  autoAcknowledge: boolean('auto_acknowledge').notNull().default(true),
  /** The organisation's delays: never longer than the law's (7 jours ouvrés, 3 months, 20 jours ouvrés). */
  ackWorkingDays: integer('ack_working_days').notNull().default(7),
  feedbackMonths: integer('feedback_months').notNull().default(3),
  meetingWorkingDays: integer('meeting_working_days').notNull().default(20),
  /** Whether reporters may ask for a meeting (LEGAL.md L11). */
  offersMeetings: boolean('offers_meetings').notNull().default(false),
  /** Votes cast needed before the committee decides, and the majority it decides by. */
  committeeQuorum: integer('committee_quorum').notNull().default(2),
  committeeMajority: text('committee_majority').$type<CommitteeMajority>().notNull().default('simple'),
  /** Retention (DESIGN.md §6), shorter than the law only: R2 months after closure, R3 latest months after closure. */
  retentionNoFollowUpMonths: integer('retention_no_follow_up_months').notNull().default(2),
  retentionFollowUpMaxMonths: integer('retention_follow_up_max_months').notNull().default(72),
  /** Largest supporting document accepted, in plaintext bytes (500 MB by default). */
  documentMaxBytes: bigint('document_max_bytes', { mode: 'number' }).notNull().default(500_000_000),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const caseCategories = pgTable(
  'case_categories',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code').notNull(),
    labelFr: text('label_fr').notNull(),
    labelEn: text('label_en').notNull(),
    position: integer('position').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.code] })],
);

export const CASE_STATES = ['received', 'acknowledged', 'admissibility_review', 'inadmissible', 'investigation', 'committee_review', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export type IdentityMode = 'anonymous' | 'confidential';

export const cases = pgTable(
  'cases',
  {
    /** Chosen by the filing client (random UUID) so the report's associated data can bind it. */
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Random human-readable reference (never sequential). */
    reference: text('reference').notNull().unique(),
    category: text('category').notNull(),
    identityMode: text('identity_mode').$type<IdentityMode>().notNull(),
    state: text('state').$type<CaseState>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    /** Last day (organisation's calendar) for the written acknowledgement. */
    ackDueOn: date('ack_due_on', { mode: 'string' }).notNull(),
    /** Last day for feedback on the measures envisaged or taken. */
    feedbackDueOn: date('feedback_due_on', { mode: 'string' }).notNull(),
    /** v1 envelope under the case key; the server cannot open it. */
    reportCiphertext: bytea('report_ciphertext').notNull(),
    /** First staff message marked as feedback (retour d'information): meets the feedback deadline. */
    feedbackGivenAt: timestamp('feedback_given_at', { withTimezone: true, mode: 'date' }),
    /** A meeting the reporter asked for (L11), when the organisation offers them. */
    meetingRequestedAt: timestamp('meeting_requested_at', { withTimezone: true, mode: 'date' }),
    meetingDueOn: date('meeting_due_on', { mode: 'string' }),
    meetingHeldAt: timestamp('meeting_held_at', { withTimezone: true, mode: 'date' }),
    /** Closure starts the retention clock. */
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    outcome: text('outcome').$type<CaseOutcome>(),
    followUpKind: text('follow_up_kind').$type<FollowUpKind>(),
    /** R3: the day the proceedings that followed ended (recorded by a referent or the DPO). */
    proceedingsEndedOn: date('proceedings_ended_on', { mode: 'string' }),
    /**
     * Set on closure from domain/retention.ts, recomputed when the proceedings end or the organisation
     * shortens its retention; the purge reads these (and re-checks them) to find what is due.
     */
    retentionRule: text('retention_rule').$type<RetentionRule>(),
    purgeDueOn: date('purge_due_on', { mode: 'string' }),
  },
  (t) => [
    index('cases_org_received').on(t.organisationId, t.receivedAt, t.id),
    index('cases_org_purge_due').on(t.organisationId, t.purgeDueOn).where(sql`${t.purgeDueOn} is not null`),
  ],
);

/** The case key sealed (crypto_box_seal) for one recipient: a staff member or the recovery key. */
export const caseKeyGrants = pgTable(
  'case_key_grants',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Null for the organisation's recovery key. */
    staffAccountId: uuid('staff_account_id').references(() => staffAccounts.id),
    sealedKey: bytea('sealed_key').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** When this holder last opened the case: reporter messages after it are unread for them. */
    lastReadAt: timestamp('last_read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('case_key_grants_case_staff').on(t.caseId, t.staffAccountId), index('case_key_grants_staff').on(t.staffAccountId, t.caseId)],
);

export type ExclusionReason = 'reporter' | 'recused';

/** Staff members the alert concerns (excluded by the reporter, or who recused themselves): never given the case. */
export const caseExclusions = pgTable(
  'case_exclusions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffAccountId: uuid('staff_account_id')
      .notNull()
      .references(() => staffAccounts.id),
    reason: text('reason').$type<ExclusionReason>().notNull().default('reporter'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.staffAccountId] })],
);

/** Reporter's mailbox credentials: lookup id and a keyed hash of the authenticator, never the token. */
export const mailboxes = pgTable('mailboxes', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  lookupId: bytea('lookup_id').notNull().unique(),
  authenticatorHash: bytea('authenticator_hash').notNull(),
  /** The case key in a v1 envelope under the mailbox key (which never leaves the reporter's device). */
  wrappedCaseKey: bytea('wrapped_case_key').notNull(),
});

export const mailboxSessions = pgTable(
  'mailbox_sessions',
  {
    idHash: bytea('id_hash').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('mailbox_sessions_case').on(t.caseId)],
);

export type MessageAuthor = 'reporter' | 'staff';
/** feedback: a retour d'information (meets the 3-month deadline); reason: the motive of a transition. */
export type MessagePurpose = 'message' | 'feedback' | 'reason';

export const caseMessages = pgTable(
  'case_messages',
  {
    /** Chosen by the writing client (random UUID) and bound into the ciphertext's associated data. */
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorKind: text('author_kind').$type<MessageAuthor>().notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staffAccounts.id),
    purpose: text('purpose').$type<MessagePurpose>().notNull().default('message'),
    ciphertext: bytea('ciphertext').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_messages_case').on(t.caseId, t.sentAt)],
);

export type ReceiptKind = 'acknowledgement' | 'closure';

/** Signed receipts exactly as handed to the reporter: the signed text, the signature, the key id. */
export const caseReceipts = pgTable(
  'case_receipts',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<ReceiptKind>().notNull(),
    payload: text('payload').notNull(),
    signature: bytea('signature').notNull(),
    keyId: text('key_id').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_receipts_case').on(t.caseId)],
);

/** Every receipt-signing public key this deployment has used: published for offline verification, kept after rotation. */
export const receiptSigningKeys = pgTable('receipt_signing_keys', {
  keyId: text('key_id').primaryKey(),
  publicKey: bytea('public_key').notNull(),
  firstUsedAt: timestamp('first_used_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Proof-of-work challenges already redeemed, kept until they expire so none is used twice. */
export const spentChallenges = pgTable('spent_challenges', {
  id: bytea('id').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// ---------------------------------------------------------------------------------------------
// Workflow: what happened to a case, the committee's votes, identity disclosures, reminders.

export type CaseEventActor = 'staff' | 'reporter' | 'system';

/**
 * The case's history: transitions, shares, recusals, votes, disclosures, meetings. Details hold ids
 * and kinds, never content. Events the reporter must know of are marked and shown in the mailbox.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order: events of one transaction share their time. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    actorKind: text('actor_kind').$type<CaseEventActor>().notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staffAccounts.id),
    visibleToReporter: boolean('visible_to_reporter').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_events_case').on(t.caseId, t.seq)],
);

/** One committee member's vote on a case; the reason is encrypted under the case key. */
export const committeeVotes = pgTable(
  'committee_votes',
  {
    /** Chosen by the voting client and bound into the reason's associated data. */
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffAccountId: uuid('staff_account_id')
      .notNull()
      .references(() => staffAccounts.id),
    choice: text('choice').$type<VoteChoice>().notNull(),
    followUpKind: text('follow_up_kind').$type<FollowUpKind>(),
    reasonCiphertext: bytea('reason_ciphertext').notNull(),
    castAt: timestamp('cast_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('committee_votes_case_member').on(t.caseId, t.staffAccountId)],
);

export type DisclosureBasis = 'consent' | 'judicial_authority';

/** A confidential reporter's identity disclosed beyond the recipients (L8): basis, consent, and to whom (encrypted). */
export const identityDisclosures = pgTable(
  'identity_disclosures',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => staffAccounts.id),
    legalBasis: text('legal_basis').$type<DisclosureBasis>().notNull(),
    consentGiven: boolean('consent_given').notNull(),
    /** To whom and why, in a v1 envelope under the case key. */
    detailsCiphertext: bytea('details_ciphertext').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('identity_disclosures_case').on(t.caseId)],
);

export type ReminderDeadline = 'acknowledgement' | 'feedback' | 'meeting';
export type ReminderStatus = 'due_soon' | 'overdue';

/** What the daily reminders job found for each referent: deadlines due within 2 working days, or missed. */
export const staffReminders = pgTable(
  'staff_reminders',
  {
    staffAccountId: uuid('staff_account_id')
      .notNull()
      .references(() => staffAccounts.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    deadline: text('deadline').$type<ReminderDeadline>().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<ReminderStatus>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffAccountId, t.caseId, t.deadline] }), index('staff_reminders_case').on(t.caseId)],
);

// ---------------------------------------------------------------------------------------------
// Retention: legal holds, what a purge leaves behind, and the reporter's short grace period.

/** A legal hold (appeal pending...) blocks the purge of a case until released. The reason is the DPO's, in clear. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by')
      .notNull()
      .references(() => staffAccounts.id),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }).notNull(),
    releasedBy: uuid('released_by').references(() => staffAccounts.id),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('legal_holds_one_active').on(t.caseId).where(sql`${t.releasedAt} is null`), index('legal_holds_case').on(t.caseId)],
);

/**
 * What remains of a purged case for the indicators (LEGAL.md L15, L16): no id, reference, day or
 * content; months, category, outcome and whole-day durations only.
 */
export const caseTombstones = pgTable(
  'case_tombstones',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category').notNull(),
    /** "YYYY-MM" in the organisation's time zone. */
    receivedMonth: text('received_month').notNull(),
    closedMonth: text('closed_month').notNull(),
    outcome: text('outcome').$type<CaseOutcome>().notNull(),
    followUpKind: text('follow_up_kind').$type<FollowUpKind>(),
    rule: text('rule').$type<RetentionRule>().notNull(),
    /** Calendar days from receipt to acknowledgement (null: never acknowledged) and to closure. */
    daysToAcknowledgement: integer('days_to_acknowledgement'),
    daysToClosure: integer('days_to_closure').notNull(),
    /** Whether feedback (or the closure) reached the reporter by the feedback due day. */
    feedbackOnTime: boolean('feedback_on_time').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_tombstones_org_received').on(t.organisationId, t.receivedMonth)],
);

/** The DPO's record that each purge happened: which case (id and reference, as in the audit log), by which rule, when due. */
export const purgeLog = pgTable(
  'purge_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Unique: a case is purged once. */
    caseId: uuid('case_id').notNull().unique(),
    caseReference: text('case_reference').notNull(),
    rule: text('rule').$type<RetentionRule>().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('purge_log_org_purged').on(t.organisationId, t.purgedAt, t.id)],
);

/**
 * After a purge, the reporter's token opens only the signed closure notice, for a short grace
 * period (MAILBOX_GRACE_DAYS); then the row goes and the token opens nothing.
 */
export const purgedMailboxes = pgTable('purged_mailboxes', {
  lookupId: bytea('lookup_id').primaryKey(),
  authenticatorHash: bytea('authenticator_hash').notNull(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** The closure receipt exactly as issued (signed text, signature, key id). */
  noticePayload: text('notice_payload').notNull(),
  noticeSignature: bytea('notice_signature').notNull(),
  noticeKeyId: text('notice_key_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export type DocumentStorage = 'database' | 'files';

/**
 * A supporting document: its key wrapped under the case key, its name, type and size sealed under
 * its own key, and the secretstream header. The ciphertext chunks live in the document store.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    /** Chosen by the uploading client (random UUID) and bound into every ciphertext of the document. */
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorKind: text('author_kind').$type<MessageAuthor>().notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staffAccounts.id),
    /** Reporter documents always; a staff document only when its author sends it to the reporter. */
    sharedWithReporter: boolean('shared_with_reporter').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    metadata: bytea('metadata').notNull(),
    streamHeader: bytea('stream_header').notNull(),
    ciphertextBytes: bigint('ciphertext_bytes', { mode: 'number' }).notNull(),
    chunkCount: integer('chunk_count').notNull(),
    /** Chunks stored so far, in order: an upload resumes here. */
    storedChunks: integer('stored_chunks').notNull().default(0),
    /** Where the chunks are, so a change of DOCUMENT_STORE never strands a document. */
    storage: text('storage').$type<DocumentStorage>().notNull(),
    createdAt: createdAt(),
    /** Set with the last chunk: only then do the other side and the download see the document. */
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('case_documents_case').on(t.caseId, t.createdAt)],
);

/** Ciphertext chunks of documents kept in the database (DOCUMENT_STORE=database). */
export const documentChunks = pgTable(
  'document_chunks',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => caseDocuments.id),
    chunkIndex: integer('chunk_index').notNull(),
    /** Kept for the purge, which deletes every row of a case by case id. */
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.chunkIndex] }), index('document_chunks_case').on(t.caseId)],
);

export type NotificationMode = 'immediate' | 'digest';
export const NOTIFICATION_KINDS = ['new_alert', 'reporter_message', 'case_shared', 'vote_requested', 'deadline_due_soon', 'deadline_missed', 'invitation', 'passphrase_changed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The outbox of staff notifications, written in the transaction of the event. A row names the
 * person and the kind of event only: no case, no reference, no category, nothing of the content,
 * so a mail built from it cannot say more, and nothing here needs purging with a case. (An
 * invitation also holds its activation link until the mail is accepted.)
 */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    staffAccountId: uuid('staff_account_id')
      .notNull()
      .references(() => staffAccounts.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    /** The recipient's choice when the event happened. */
    delivery: text('delivery').$type<NotificationMode>().notNull(),
    createdAt: createdAt(),
    /** When the sender may try (again): backoff after a failed attempt. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Accepted by the mail server; the row is deleted a day later. */
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    /** An invitation's activation link, only while its mail waits (mail on only); cleared once sent. */
    activationLink: text('activation_link'),
  },
  (t) => [index('staff_notifications_due').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`), index('staff_notifications_staff').on(t.staffAccountId, t.createdAt)],
);
