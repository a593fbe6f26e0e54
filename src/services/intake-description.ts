// GET /api/v1/orgs/:slug/intake: everything a reporter's client needs before filing.
import type { ServiceContext } from './context.ts';
import { eligibleRecipients, type Recipient } from './case-recipients.ts';
import { categoriesOf, intakeSettingsOf, type Category, type IntakeSettings } from './intake-settings.ts';
import { findOrganisationBySlug, type Organisation } from './organisations.ts';

export interface IntakeDescription {
  readonly organisation: Organisation;
  readonly settings: IntakeSettings;
  readonly categories: Category[];
  readonly recipients: Recipient[];
  readonly receiptKeyId: string;
}

export async function describeIntake(ctx: ServiceContext, slug: string): Promise<IntakeDescription> {
  const organisation = await findOrganisationBySlug(ctx, slug);
  const [settings, categories, recipients] = await Promise.all([
    intakeSettingsOf(ctx.db, organisation.id),
    categoriesOf(ctx.db, organisation.id, { includeArchived: false }),
    eligibleRecipients(ctx.db, organisation.id),
  ]);
  return { organisation, settings, categories, recipients, receiptKeyId: ctx.keys.receiptSigning.keyId };
}
