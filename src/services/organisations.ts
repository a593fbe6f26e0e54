// Organisations hosted by this deployment (a centre de gestion may serve many communes).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { organisations } from '../../db/schema.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.ts';
import { appendAudit } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import { seedDefaultCategories } from './intake-settings.ts';
import { issueInvitation, type IssuedInvitation } from './staff-invitations.ts';

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';

export interface Organisation {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export interface CreatedOrganisation {
  readonly organisation: Organisation;
  readonly adminInvitation: IssuedInvitation;
}

/** Platform operator: creates an organisation and the one-time invitation of its first admin. */
export async function createOrganisation(
  ctx: ServiceContext,
  input: { slug: string; name: string; adminEmail: string | null; adminName: string },
): Promise<CreatedOrganisation> {
  if (!new RegExp(SLUG_PATTERN).test(input.slug)) {
    throw new InvalidInputError('The slug must be 1-64 lower-case letters, digits or hyphens, not starting or ending with a hyphen (e.g. ville-exemple).');
  }
  if (input.name.trim().length === 0 || input.name.length > 200) {
    throw new InvalidInputError('The organisation name must be 1 to 200 characters.');
  }
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, input.slug));
    if (taken) throw new ConflictError(`An organisation with the slug "${input.slug}" already exists.`, 'slug_taken');
    const organisation = { id: randomUUID(), slug: input.slug, name: input.name.trim() };
    const now = ctx.clock.now();
    await tx.insert(organisations).values({ ...organisation, createdAt: now });
    await seedDefaultCategories(tx, organisation.id);
    await appendAudit(tx, now, { organisationId: organisation.id, actorKind: 'operator', actorId: null, action: 'organisation.created', subjectId: organisation.id });
    const adminInvitation = await issueInvitation(ctx, tx, {
      organisationId: organisation.id,
      email: input.adminEmail,
      displayName: input.adminName,
      roles: ['admin'],
      language: 'fr',
      invitedBy: { kind: 'operator', id: null },
    });
    return { organisation, adminInvitation };
  });
}

export async function findOrganisationBySlug(ctx: Pick<ServiceContext, 'db'>, slug: string): Promise<Organisation> {
  const [organisation] = await ctx.db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!organisation) throw new NotFoundError(`No organisation "${slug}" is hosted here.`);
  return organisation;
}
