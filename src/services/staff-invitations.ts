// Invitations: a one-time code (256 bits) whose keyed hash is stored; the code travels
// in the activation link's fragment, which browsers never send to a server.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/index.ts';
import { staffAccounts, staffInvitations, type StaffRole } from '../../db/schema.ts';
import { toBase64Url } from '../crypto/encoding.ts';
import { keyedDigest, randomBytes } from '../crypto/server/keyed-hash.ts';
import { ConflictError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import { notifyInvitee } from './notifications/notify-staff.ts';
import type { ServiceContext } from './context.ts';

export interface NewInvitation {
  readonly organisationId: string;
  readonly email: string | null;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly language: 'fr' | 'en';
  readonly invitedBy: { readonly kind: 'staff' | 'operator'; readonly id: string | null };
}

export interface IssuedInvitation {
  readonly accountId: string;
  readonly code: string;
  readonly activationUrl: string;
  readonly expiresAt: Date;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function invitationCodeHash(ctx: Pick<ServiceContext, 'keys'>, code: string): Promise<Uint8Array> {
  return keyedDigest(ctx.keys.sessionSecret, 'invitation-code', code);
}

/** Creates the invited account and its invitation inside the caller's transaction. */
export async function issueInvitation(ctx: ServiceContext, tx: Executor, invitation: NewInvitation): Promise<IssuedInvitation> {
  const now = ctx.clock.now();
  const email = invitation.email === null ? null : normaliseEmail(invitation.email);
  if (email !== null) {
    const [existing] = await tx
      .select({ id: staffAccounts.id })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.organisationId, invitation.organisationId), eq(staffAccounts.email, email)));
    if (existing) throw new ConflictError('A staff account with this e-mail already exists in this organisation; to send it a new invitation, re-invite that account.', 'email_taken');
  }
  const accountId = randomUUID();
  await tx.insert(staffAccounts).values({
    id: accountId,
    organisationId: invitation.organisationId,
    email,
    displayName: invitation.displayName.trim(),
    roles: [...new Set(invitation.roles)],
    status: 'invited',
    language: invitation.language,
    createdAt: now,
  });
  await appendAudit(tx, now, {
    organisationId: invitation.organisationId,
    actorKind: invitation.invitedBy.kind,
    actorId: invitation.invitedBy.id,
    action: 'staff.invited',
    subjectId: accountId,
    details: { roles: [...new Set(invitation.roles)] },
  });
  return issueInvitationCode(ctx, tx, invitation.organisationId, accountId, invitation.invitedBy.id);
}

/** A new one-time code for an existing invited account; only its keyed hash is stored. */
export async function issueInvitationCode(ctx: ServiceContext, tx: Executor, organisationId: string, accountId: string, createdBy: string | null): Promise<IssuedInvitation> {
  const now = ctx.clock.now();
  const code = toBase64Url(await randomBytes(32));
  const expiresAt = new Date(now.getTime() + ctx.config.invitationTtlHours * 3_600_000);
  await tx.insert(staffInvitations).values({
    codeHash: await invitationCodeHash(ctx, code),
    organisationId,
    accountId,
    createdBy,
    createdAt: now,
    expiresAt,
  });
  const activationUrl = `${ctx.config.publicUrl}/staff/activate#${code}`;
  // With mail on, the invitation also goes to the invitee's address (when the account has one).
  if (ctx.config.mail) await notifyInvitee(tx, now, { organisationId, staffAccountId: accountId, activationLink: activationUrl });
  return { accountId, code, activationUrl, expiresAt };
}
