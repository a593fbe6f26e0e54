// What the fuzzer needs to get past the audience hook and into the handlers: an organisation
// with a logged-in admin, referent, committee member and DPO, a reporter logged in to the
// mailbox of a filed alert that has a document, an invited account to act on, and real values
// (slug, ids, invitation code, solved proofs of work, mailbox credentials) to mix into requests.
import fc from 'fast-check';
import { uploadDocument } from '../../../src/client/document-transfer.ts';
import { earnProofOfWork, type ProofOfWorkAnswer } from '../../../src/client/proof-of-work-client.ts';
import { ReporterClient } from '../../../src/client/reporter-client.ts';
import { toBase64Url } from '../../../src/crypto/encoding.ts';
import { deriveMailboxCredentials } from '../../../src/crypto/mailbox-token.ts';
import { mailboxCookieName, staffCookieName } from '../../../src/plugins/audience.ts';
import { openMailboxSession } from '../../../src/services/mailbox-sessions.ts';
import { openStaffSession } from '../../../src/services/staff-sessions.ts';
import { randomFile } from '../document-files.ts';
import { inviteStaff, organisationWithReferents, sampleReport, type ActiveStaff } from '../factories.ts';
import type { TestApp } from '../test-app.ts';
import type { Hints } from './schema-arbitraries.ts';

export interface FuzzWorld {
  /** Each sender's staff roles (the reporter has none). */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly hints: Hints;
  /** The Cookie header a sender's request carries ('none' carries none). */
  cookieFor(sender: string): string | undefined;
  /** A new session for `sender`, for requests that end their session (logout). */
  freshCookieFor(sender: string): Promise<string | undefined>;
}

const PROOFS_PER_PURPOSE = 40;

export async function buildFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const { organisation, admin, referents } = await organisationWithReferents(t, 1);
  const referent = referents[0]!;
  const slug = organisation.slug;
  const committee = await inviteStaff(t, admin, ['committee'], `committee@${slug}.fr`);
  const dpo = await inviteStaff(t, admin, ['dpo'], `dpo@${slug}.fr`);
  const invited = await admin.client.http.expect<{ accountId: string; invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: `invited@${slug}.fr`, displayName: 'Invited', roles: ['referent'] });

  const reporter = new ReporterClient(t.baseUrl);
  const filed = await reporter.file(slug, sampleReport('FUZZ'), { recipients: [referent.accountId, committee.accountId] });
  // More cases than one: a recusal or a closing transition takes a case out of reach.
  const others: string[] = [];
  for (let i = 0; i < 3; i++) others.push((await new ReporterClient(t.baseUrl).file(slug, sampleReport(`FUZZ-${i}`), { recipients: [referent.accountId, committee.accountId] })).caseId);
  await reporter.openMailbox(filed.token);
  const documentId = await uploadDocument(reporter.documents(), randomFile(10));
  const credentials = await deriveMailboxCredentials(filed.token);

  const proofs: ProofOfWorkAnswer[] = [];
  for (let i = 0; i < PROOFS_PER_PURPOSE; i++) {
    proofs.push(await earnProofOfWork(reporter.http, 'filing'), await earnProofOfWork(reporter.http, 'mailbox-login'));
  }

  const staff: Record<string, ActiveStaff> = { admin, referent, committee, dpo };
  const staffCookie = staffCookieName(t.config.secureCookies);
  const mailboxCookie = mailboxCookieName(t.config.secureCookies);
  const cookies: Record<string, string> = { reporter: `${mailboxCookie}=${reporter.http.cookie(mailboxCookie)}` };
  for (const [name, member] of Object.entries(staff)) cookies[name] = `${staffCookie}=${member.client.http.cookie(staffCookie)}`;
  // Well-formed session values that open nothing.
  cookies.forged = `${staffCookie}=${'A'.repeat(43)}; ${mailboxCookie}=${'B'.repeat(43)}`;

  const randomUuid = fc.uuid({ version: 4 });
  const hints: Hints = {
    slug: fc.constantFrom(slug, slug, slug, 'nulle-part'),
    organisation: fc.constantFrom(slug, slug, slug, 'nulle-part'),
    email: fc.constantFrom(...Object.values(staff).map((member) => member.credentials.email), `invited@${slug}.fr`, `NOBODY@${slug}.fr`),
    // Staff ids here are only ones the fuzzer may disable or change the roles of: the invited
    // account, and the admin (the last admin, whom the service protects).
    id: fc.oneof(fc.constantFrom(filed.caseId, ...others, invited.accountId, admin.accountId, documentId), randomUuid),
    caseId: fc.oneof(fc.constantFrom(filed.caseId, ...others), randomUuid),
    documentId: fc.oneof(fc.constant(documentId), randomUuid),
    recipient: fc.constantFrom(referent.accountId, committee.accountId, dpo.accountId, invited.accountId, 'recovery'),
    code: fc.constantFrom(invited.invitationCode, 'autre', 'atteinte-probite'),
    category: fc.constantFrom('autre', 'atteinte-probite'),
    proofOfWork: fc.constantFrom(...proofs),
    lookupId: fc.constant(toBase64Url(credentials.lookupId)),
    authenticator: fc.constant(toBase64Url(credentials.authenticator)),
    from: fc.constantFrom('2025-12', '2026-01', '2026-01-01T00:00:00Z', '0'),
    to: fc.constantFrom('2026-12', '2026-01', '2026-02-01T00:00:00Z', '1'),
    totpCode: fc.constantFrom('000000', '123456'),
  };

  const accounts: Record<string, { id: string; organisationId: string }> = Object.fromEntries(
    Object.entries(staff).map(([name, member]) => [name, { id: member.accountId, organisationId: organisation.id }]),
  );
  return {
    principals: { admin: ['admin'], referent: ['referent'], committee: ['committee'], dpo: ['dpo'], reporter: [] },
    hints,
    cookieFor: (sender) => cookies[sender],
    freshCookieFor: async (sender) => {
      const account = accounts[sender];
      if (account) return `${staffCookie}=${await openStaffSession(t.services, t.services.db, account, t.clock.now())}`;
      if (sender === 'reporter') return `${mailboxCookie}=${await openMailboxSession(t.services, t.services.db, filed.caseId)}`;
      return cookies[sender];
    },
  };
}
