// The deployment the authorization matrix runs against, built through the real API: organisation
// A with every kind of staff member, its cases each in the state one route needs, documents, a
// legal hold; organisation B with one member; and the reporters of two cases of A.
//
// Cases of A, all held by the referent "owner" (the only caller holding them, unless said), and the
// other reporter's case, held by `spareReferent` alone (no caller holds it):
//   main         confidential, reporter of the case's own; also held by the account later disabled.
//   recusal      also held by `spareReferent`, so the owner may recuse (not the last referent).
//   vote         before the committee (quorum 1), also held by the committee member.
//   proceedings  closed with follow-up by the committee member's vote; under a legal hold.
//   meeting      its reporter asked for a meeting.
import { expect } from 'vitest';
import { ReporterClient } from '../../../src/client/reporter-client.ts';
import { StaffCasesClient, type OpenedCase } from '../../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../../src/client/staff-workflow-client.ts';
import { toBase64Url } from '../../../src/crypto/encoding.ts';
import { inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../factories.ts';
import { randomFile } from '../document-files.ts';
import { uploadDocument } from '../../../src/client/document-transfer.ts';
import type { TestApp } from '../test-app.ts';
import { prepareDocument, type DocumentHome, type PreparedDocument } from './document-uploads.ts';
import type { StaffRole } from '../../../db/schema.ts';

export const ALL_ROLES: readonly StaffRole[] = ['admin', 'referent', 'committee', 'dpo'];

export type CaseName = 'main' | 'recusal' | 'vote' | 'proceedings' | 'meeting';

export interface CaseFixture extends DocumentHome {
  /** Staff accounts holding the case key. */
  readonly holders: readonly string[];
}

export interface AuthorizationWorld {
  readonly t: TestApp;
  readonly slug: string;
  readonly organisationId: string;
  readonly admin: ActiveStaff;
  readonly owner: ActiveStaff;
  readonly colleague: ActiveStaff;
  readonly committee: ActiveStaff;
  readonly dpo: ActiveStaff;
  readonly disabled: ActiveStaff;
  readonly foreign: ActiveStaff;
  /** A referent of A who is no caller: the owner shares with them, and they co-hold `recusal`. */
  readonly spareReferent: ActiveStaff;
  readonly reporterOfCase: ReporterClient;
  readonly reporterOfOther: ReporterClient;
  /** The other reporter's case. */
  readonly otherCaseId: string;
  readonly cases: Readonly<Record<CaseName, CaseFixture>>;
  readonly documents: {
    /** Uploaded whole by the reporter of `main`: read and downloaded. */
    readonly complete: string;
    /** Announced, not uploaded: the reporter of `main` uploads it, then abandons the other. */
    readonly reporterPending: PreparedDocument;
    readonly reporterAbandoned: string;
    /** The same, announced by the owner. */
    readonly staffPending: PreparedDocument;
    readonly staffAbandoned: string;
  };
  /** An invited account of A, never activated: target of the admin's routes on one account. */
  readonly invitedAccountId: string;
  /** The code of another invited account of A: activation starts with it. */
  readonly invitationCode: string;
  /** A staff member of A, logged in by the public login route (never a caller). */
  readonly loginProbe: { readonly email: string; readonly totpSecret: string; readonly authValue: string };
  /** The token of `meeting`'s mailbox: the public mailbox login opens it. */
  readonly meetingMailboxToken: string;
  /** A category of A that no other organisation has. */
  readonly categoryCode: string;
  /** The active legal hold, on `proceedings`. */
  readonly holdId: string;
  /** A file of the browser bundle. */
  readonly assetFile: string;
}

const identity = { name: 'Camille Martin', contact: 'camille.martin@example.org' };

function fixture(opened: OpenedCase, holders: ActiveStaff[]): CaseFixture {
  return { organisationId: opened.organisationId, caseId: opened.summary.id, caseKey: opened.caseKey, holders: holders.map((s) => s.accountId) };
}

export async function buildAuthorizationWorld(t: TestApp): Promise<AuthorizationWorld> {
  const home = await newOrganisationWithAdmin(t);
  const { slug } = home.organisation;
  const admin = home.admin;
  // A committee of one decides; reporters may ask for a meeting.
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 1, majority: 'simple' }, offersMeetings: true });
  const invite = (roles: StaffRole[], name: string) => inviteStaff(t, admin, roles, `${name}@${slug}.fr`);
  const owner = await invite(['referent'], 'owner');
  const colleague = await invite(['referent'], 'colleague');
  const committee = await invite(['committee'], 'committee');
  const dpo = await invite(['dpo'], 'dpo');
  // Every role, so that a session that outlived the account would show everywhere.
  const disabled = await invite([...ALL_ROLES], 'disabled');
  const spareReferent = await invite(['referent'], 'spare');
  const probe = await invite(['referent'], 'probe');
  const invited = await admin.client.http.expect<{ accountId: string }>(201, 'POST', '/api/v1/admin/staff', { email: `invited@${slug}.fr`, displayName: 'Invited', roles: ['referent'] });
  const invitee = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: `invitee@${slug}.fr`, displayName: 'Invitee', roles: ['referent'] });
  const categoryCode = 'matrix-only-in-a';
  await admin.client.http.expect(201, 'POST', '/api/v1/admin/categories', { code: categoryCode, label: { fr: 'Catégorie de la matrice', en: 'Matrix category' } });

  // Organisation B: its member holds every role, so its only refusals come from organisation scoping.
  const elsewhere = await newOrganisationWithAdmin(t);
  const foreign = await inviteStaff(t, elsewhere.admin, [...ALL_ROLES], `member@${elsewhere.organisation.slug}.fr`);

  const reporterOfCase = new ReporterClient(t.baseUrl);
  const reporterOfOther = new ReporterClient(t.baseUrl);
  const reporterOfMeeting = new ReporterClient(t.baseUrl);
  const file = (reporter: ReporterClient, marker: string, recipients: ActiveStaff[], withIdentity = false) =>
    reporter.file(slug, sampleReport(marker, withIdentity ? { identity } : {}), { recipients: recipients.map((s) => s.accountId) });
  const filedMain = await file(reporterOfCase, 'MATRIX-MAIN', [owner, disabled], true);
  const filedOther = await file(reporterOfOther, 'MATRIX-OTHER', [spareReferent]);
  const filedRecusal = await file(new ReporterClient(t.baseUrl), 'MATRIX-RECUSAL', [owner, spareReferent]);
  const filedVote = await file(new ReporterClient(t.baseUrl), 'MATRIX-VOTE', [owner]);
  const filedProceedings = await file(new ReporterClient(t.baseUrl), 'MATRIX-PROCEEDINGS', [owner]);
  const filedMeeting = await file(reporterOfMeeting, 'MATRIX-MEETING', [owner]);

  // The disabled account: logged in, reaching its case, then disabled by the admin.
  expect((await disabled.client.http.send('GET', `/api/v1/cases/${filedMain.caseId}`)).status).toBe(200);
  await admin.client.http.expect(200, 'POST', `/api/v1/admin/staff/${disabled.accountId}/disable`);

  const ownerCases = new StaffCasesClient(owner.client);
  const flow = new StaffWorkflowClient(ownerCases);
  for (const id of [filedVote.caseId, filedProceedings.caseId]) {
    await flow.transition(await ownerCases.open(id), 'start_admissibility_review');
    await flow.transition(await ownerCases.open(id), 'declare_admissible');
    expect((await flow.transition(await ownerCases.open(id), 'send_to_committee')).state).toBe('committee_review');
  }
  const committeeFlow = new StaffWorkflowClient(new StaffCasesClient(committee.client));
  const decided = await committeeFlow.vote(await committeeFlow.cases.open(filedProceedings.caseId), 'follow_up', 'Faits établis.', 'disciplinary');
  expect(decided).toMatchObject({ status: 'decided', outcome: 'follow_up' });
  const hold = await dpo.client.http.expect<{ id: string }>(201, 'POST', '/api/v1/dpo/holds', { caseId: filedProceedings.caseId, reason: 'Recours devant le tribunal administratif' });

  await reporterOfMeeting.openMailbox(filedMeeting.token);
  await reporterOfMeeting.http.expect(201, 'POST', '/api/v1/mailbox/meeting-requests', {});
  await reporterOfMeeting.leave();

  const main = await ownerCases.open(filedMain.caseId);
  const cases: Record<CaseName, CaseFixture> = {
    main: fixture(main, [owner, disabled]),
    recusal: fixture(await ownerCases.open(filedRecusal.caseId), [owner, spareReferent]),
    vote: fixture(await ownerCases.open(filedVote.caseId), [owner, committee]),
    proceedings: fixture(await ownerCases.open(filedProceedings.caseId), [owner, committee]),
    meeting: fixture(await ownerCases.open(filedMeeting.caseId), [owner]),
  };

  // Documents of `main`; the reporters' sessions open last, so they are fresh when the matrix starts.
  await reporterOfCase.openMailbox(filedMain.token);
  const reporterPlace = reporterOfCase.documents();
  const complete = await uploadDocument(reporterPlace, randomFile(1000, 'facture.pdf', 'application/pdf'));
  const announce = async (place: { http: ReporterClient['http'] }, prefix: string) => {
    const prepared = await prepareDocument(cases.main);
    await place.http.expect(201, 'POST', prefix, prepared.announcement);
    return prepared;
  };
  const staffPrefix = `/api/v1/cases/${cases.main.caseId}/documents`;
  const documents = {
    complete,
    reporterPending: await announce(reporterOfCase, reporterPlace.prefix),
    reporterAbandoned: (await announce(reporterOfCase, reporterPlace.prefix)).id,
    staffPending: await announce(owner.client, staffPrefix),
    staffAbandoned: (await announce(owner.client, staffPrefix)).id,
  };
  // The reporter's complete document is listed to the case's holder before the matrix starts.
  const staffList = await owner.client.http.expect<{ documents: { id: string }[] }>(200, 'GET', staffPrefix);
  expect(staffList.documents.map((d) => d.id)).toContain(complete);
  await reporterOfOther.openMailbox(filedOther.token);

  const probeSecrets = await probe.client.deriveAuthValue(slug, probe.credentials.email, probe.credentials.passphrase);
  probeSecrets.keyEncryptionKey.fill(0);

  const landing = await fetch(`${t.baseUrl}/o/${slug}/report`).then((r) => r.text());
  const assetFile = /\/assets\/([A-Za-z0-9._-]+)/.exec(landing)?.[1];
  if (!assetFile) throw new Error('the report page links no asset');

  return {
    t,
    slug,
    organisationId: main.organisationId,
    admin,
    owner,
    colleague,
    committee,
    dpo,
    disabled,
    foreign,
    spareReferent,
    reporterOfCase,
    reporterOfOther,
    otherCaseId: filedOther.caseId,
    cases,
    documents,
    invitedAccountId: invited.accountId,
    invitationCode: invitee.invitationCode,
    loginProbe: { email: probe.credentials.email, totpSecret: probe.credentials.totpSecret, authValue: toBase64Url(probeSecrets.authValue) },
    meetingMailboxToken: filedMeeting.token,
    categoryCode,
    holdId: hold.id,
    assetFile,
  };
}
