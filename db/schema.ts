// The single source of truth for tables. Migrations in db/migrations are generated from it
// (npm run db:generate) and applied at start-up by both drivers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
  },
  (t) => [index('cases_org_received').on(t.organisationId, t.receivedAt, t.id)],
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
  },
  (t) => [uniqueIndex('case_key_grants_case_staff').on(t.caseId, t.staffAccountId), index('case_key_grants_staff').on(t.staffAccountId, t.caseId)],
);

/** Staff members the reporter excluded because the alert concerns them: never given the case. */
export const caseExclusions = pgTable(
  'case_exclusions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    staffAccountId: uuid('staff_account_id')
      .notNull()
      .references(() => staffAccounts.id),
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
