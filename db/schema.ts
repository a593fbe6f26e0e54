// The single source of truth for tables. Migrations in db/migrations are generated from it
// (npm run db:generate) and applied at start-up by both drivers.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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

export type AuditActorKind = 'staff' | 'system' | 'operator' | 'unknown';

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
