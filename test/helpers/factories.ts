// Builds organisations and activated staff through the same paths a real deployment uses.
import type { ReportContent } from '../../src/client/report-content.ts';
import { StaffClient, type StaffCredentials } from '../../src/client/staff-client.ts';
import type { StaffRole } from '../../db/schema.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import type { TestApp } from './test-app.ts';

export interface ActiveStaff {
  readonly client: StaffClient;
  readonly credentials: StaffCredentials;
  readonly accountId: string;
}

let counter = 0;

/** CLI path: a new organisation and its first admin, activated and logged in. */
export async function newOrganisationWithAdmin(t: TestApp, slug = `org-${++counter}-${Date.now().toString(36)}`) {
  const created = await createOrganisation(t.services, { slug, name: `Organisation ${slug}`, adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  const admin = await activateAndLogin(t, created.adminInvitation.code, `admin@${slug}.fr`);
  return { organisation: created.organisation, admin };
}

export async function activateAndLogin(t: TestApp, code: string, email: string, passphrase = `correct horse battery ${email}`): Promise<ActiveStaff> {
  const client = new StaffClient(t.baseUrl);
  const activated = await client.activate({ code, passphrase, email, at: t.clock.now() });
  // A TOTP code is accepted once: move to the next 30-second step before logging in.
  t.clock.advance(30_000);
  const credentials = { organisation: activated.organisation, email, passphrase, totpSecret: activated.totpSecret };
  await client.login(credentials, t.clock.now());
  return { client, credentials, accountId: activated.accountId };
}

/** Admin path: invites through the API, then the invitee activates and logs in. */
export async function inviteStaff(t: TestApp, admin: ActiveStaff, roles: StaffRole[], email: string): Promise<ActiveStaff> {
  const invited = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email, displayName: email.split('@')[0], roles });
  t.clock.advance(30_000);
  return activateAndLogin(t, invited.invitationCode, email);
}

/** A sample alert whose every field carries `marker`, so tests can search the database and logs for it. */
export function sampleReport(marker: string, overrides: Partial<ReportContent> = {}): ReportContent {
  return {
    format: 'vigie.report',
    version: 1,
    language: 'fr',
    category: 'atteinte-probite',
    whatHappened: `Le marché de voirie a été attribué sans mise en concurrence ${marker}`,
    whenAndWhere: `Mars 2026, services techniques ${marker}`,
    whoIsInvolved: `Le directeur des services techniques ${marker}`,
    howYouKnow: `J'ai vu le bon de commande ${marker}`,
    othersAware: 'Non',
    identity: null,
    ...overrides,
  };
}

/** An organisation with an admin and referents, everyone activated and logged in. */
export async function organisationWithReferents(t: TestApp, referentCount = 1) {
  const { organisation, admin } = await newOrganisationWithAdmin(t);
  const referents: ActiveStaff[] = [];
  for (let i = 1; i <= referentCount; i++) referents.push(await inviteStaff(t, admin, ['referent'], `referent${i}@${organisation.slug}.fr`));
  return { organisation, admin, referents };
}
