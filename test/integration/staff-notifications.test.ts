// Staff notifications by e-mail, against a real SMTP server run by the test: each event reaches the
// right people in their language and says nothing of the case; a mail server that is down delays
// mail without failing the filing, and loses none; a digest gathers a day's events in one mail.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { StaffCasesClient } from '../../src/client/staff-cases-client.ts';
import { StaffWorkflowClient } from '../../src/client/staff-workflow-client.ts';
import { runJob } from '../../src/jobs/job-runner.ts';
import { findJob } from '../../src/jobs/registry.ts';
import { countRows } from '../helpers/closed-cases.ts';
import { activateAndLogin, inviteStaff, newOrganisationWithAdmin, sampleReport, type ActiveStaff } from '../helpers/factories.ts';
import { MailCatcher } from '../helpers/mail-catcher.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const catcher = new MailCatcher();
let t: TestApp;
let slug: string;
let organisationName: string;
let admin: ActiveStaff;
let french: ActiveStaff;
let english: ActiveStaff;
let colleague: ActiveStaff;

async function invite(email: string, roles: ('referent' | 'committee')[], language: 'fr' | 'en'): Promise<ActiveStaff> {
  const invited = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email, displayName: email.split('@')[0], roles, language });
  t.clock.advance(30_000);
  return activateAndLogin(t, invited.invitationCode, email);
}

const send = async () => (await runJob(t.services, findJob('send-notifications')!, { dryRun: false })).report!;

beforeAll(async () => {
  await catcher.start();
  t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${catcher.port}`, MAIL_FROM: 'Vigie <vigie@ville-test.fr>', PUBLIC_URL: 'https://alerte.ville-test.fr' });
  const made = await newOrganisationWithAdmin(t);
  slug = made.organisation.slug;
  organisationName = made.organisation.name;
  admin = made.admin;
  french = await invite(`francaise@${slug}.fr`, ['referent'], 'fr');
  english = await invite(`english@${slug}.fr`, ['referent'], 'en');
  colleague = await invite(`collegue@${slug}.fr`, ['referent'], 'fr');
  // A committee member, told when the committee is asked to vote.
  await inviteStaff(t, admin, ['committee'], `membre@${slug}.fr`);
  await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { committee: { quorum: 1, majority: 'simple' } });
  // The invitations above went out by mail too (see 'account mails'); start from an empty outbox.
  await send();
  catcher.mails.length = 0;
});
afterAll(async () => {
  await t?.close();
  await catcher.stop();
});

describe('each event, the right mail to the right people', () => {
  it('a new alert, a reporter message, a share and a committee referral; nothing of the case in any mail', async () => {
    const marker = 'NOTIF-MARQUEUR-7731';
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(slug, sampleReport(marker), { recipients: [french.accountId, english.accountId] });
    catcher.mails.length = 0;
    expect((await send()).lines).toEqual(['sent 2 mail(s)']);
    expect(catcher.to(`francaise@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : nouvelle alerte`]);
    expect(catcher.to(`english@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : new alert`]);
    expect(catcher.to(`francaise@${slug}.fr`)[0]!.text).toContain('Une nouvelle alerte vous a été adressée.');
    expect(catcher.to(`francaise@${slug}.fr`)[0]!.text).toContain('https://alerte.ville-test.fr/staff');
    expect(catcher.to(`english@${slug}.fr`)[0]!.text).toContain('A new alert was addressed to you.');
    expect(catcher.mails.every((m) => m.from.includes('vigie@ville-test.fr'))).toBe(true);

    await reporter.openMailbox(filed.token);
    await reporter.reply(`Précision ${marker}`);
    expect((await send()).lines).toEqual(['sent 2 mail(s)']);
    expect(catcher.to(`english@${slug}.fr`).map((m) => m.subject)).toContain(`Vigie — ${organisationName} : new message`);

    const cases = new StaffCasesClient(french.client);
    const flow = new StaffWorkflowClient(cases);
    let opened = await cases.open(filed.caseId);
    await flow.share(opened, colleague.accountId);
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    expect(catcher.to(`collegue@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : dossier partagé avec vous`]);

    await flow.transition(opened, 'start_admissibility_review');
    opened = await cases.open(filed.caseId);
    await flow.transition(opened, 'declare_admissible');
    opened = await cases.open(filed.caseId);
    await flow.transition(opened, 'send_to_committee');
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    expect(catcher.to(`membre@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : vote du comité demandé`]);
    // The person who acted is not told of their own act; nobody else got anything.
    expect(catcher.mails).toHaveLength(6);

    const secrets = [marker, filed.caseReference, filed.caseId, 'atteinte-probite', 'probité', 'Précision', 'voirie'];
    for (const mail of catcher.mails) for (const secret of secrets) expect(mail.raw).not.toContain(secret);
    expect(await countRows(t.database.handle.db, 'staff_notifications', sql`sent_at is null`)).toBe(0);
  });

  it('deadlines due within two working days and missed, from the reminders job', async () => {
    // An alert acknowledged by hand: its acknowledgement is due in 7 working days.
    await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { autoAcknowledge: false });
    try {
      const filed = await new ReporterClient(t.baseUrl).file(slug, sampleReport('DEADLINE'), { recipients: [french.accountId] });
      await send();
      catcher.mails.length = 0;
      // The day before the acknowledgement is due.
      const { ackDueOn } = (await new StaffCasesClient(french.client).open(filed.caseId)).summary;
      t.clock.advance(new Date(`${ackDueOn}T09:00:00Z`).getTime() - 86_400_000 - t.clock.now().getTime());
      await runJob(t.services, findJob('deadline-reminders')!, { dryRun: false });
      await send();
      expect(catcher.to(`francaise@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : délai proche`]);
      t.clock.advance(3 * 86_400_000);
      await runJob(t.services, findJob('deadline-reminders')!, { dryRun: false });
      await send();
      expect(catcher.to(`francaise@${slug}.fr`).map((m) => m.subject)).toContain(`Vigie — ${organisationName} : délai dépassé`);
    } finally {
      await admin.client.http.expect(200, 'PATCH', '/api/v1/admin/intake', { autoAcknowledge: true }).catch(() => undefined);
    }
  });
});

describe('account mails', () => {
  it('an invitation carries its activation link, which works; a passphrase change is confirmed at once, even in digest mode', async () => {
    for (const staff of [admin, english]) {
      t.clock.advance(30_000);
      await staff.client.login(staff.credentials, t.clock.now());
    }
    catcher.mails.length = 0;
    const invited = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: `nouvelle@${slug}.fr`, displayName: 'Nouvelle', roles: ['referent'], language: 'en' });
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    const [invitation] = catcher.to(`nouvelle@${slug}.fr`);
    expect(invitation!.subject).toBe(`Vigie — ${organisationName} : invitation`);
    expect(invitation!.text).toContain(`https://alerte.ville-test.fr/staff/activate#${invited.invitationCode}`);
    // The link leaves the outbox with the mail.
    expect(await countRows(t.database.handle.db, 'staff_notifications', sql`activation_link is not null`)).toBe(0);
    const link = /https:\/\/\S+#([A-Za-z0-9_-]{43})/.exec(invitation!.text)![1]!;
    t.clock.advance(30_000);
    await activateAndLogin(t, link, `nouvelle@${slug}.fr`);
    // An invitation activated before its mail left is not sent at all.
    const quick = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: `rapide@${slug}.fr`, displayName: 'Rapide', roles: ['committee'], language: 'fr' });
    t.clock.advance(30_000);
    await activateAndLogin(t, quick.invitationCode, `rapide@${slug}.fr`);
    expect((await send()).lines).toEqual(['sent 0 mail(s)']);
    expect(catcher.to(`rapide@${slug}.fr`)).toEqual([]);
    expect(await countRows(t.database.handle.db, 'staff_notifications', sql`activation_link is not null`)).toBe(0);

    await english.client.http.expect(204, 'PUT', '/api/v1/staff/me/notifications', { mode: 'digest' });
    catcher.mails.length = 0;
    await english.client.changeOwnPassphrase(english.credentials.passphrase, 'a brand new and rather long passphrase');
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    expect(catcher.to(`english@${slug}.fr`).map((m) => m.subject)).toEqual([`Vigie — ${organisationName} : passphrase changed`]);
    expect(catcher.to(`english@${slug}.fr`)[0]!.text).toContain('If it was not you, tell your organisation’s administrator at once.');
    english = { ...english, credentials: { ...english.credentials, passphrase: 'a brand new and rather long passphrase' } };
    t.clock.advance(30_000);
    await english.client.login(english.credentials, t.clock.now());
    await english.client.http.expect(204, 'PUT', '/api/v1/staff/me/notifications', { mode: 'immediate' });
  });
});

describe('a mail server that is down', () => {
  it('never fails the filing, and once it is back every mail arrives exactly once', async () => {
    for (const staff of [admin, french, english]) {
      t.clock.advance(30_000);
      await staff.client.login(staff.credentials, t.clock.now());
    }
    catcher.mails.length = 0;
    await catcher.stop();
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(slug, sampleReport('SMTP-DOWN'), { recipients: [french.accountId, english.accountId] });
    expect(filed.caseReference).toMatch(/^VG-/);
    const refused = await send();
    expect(refused.ok).toBe(false);
    expect(refused.lines[0]).toMatch(/the mail server refused or did not answer, 2 mail\(s\) wait/);
    expect(await countRows(t.database.handle.db, 'staff_notifications', sql`sent_at is null`)).toBe(2);

    await catcher.start();
    // The mail that failed waits a minute; the one never tried goes at once.
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    t.clock.advance(61_000);
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    expect((await send()).lines).toEqual(['sent 0 mail(s)']);
    expect(catcher.to(`francaise@${slug}.fr`)).toHaveLength(1);
    expect(catcher.to(`english@${slug}.fr`)).toHaveLength(1);
    // Sent mail leaves the outbox a day later.
    t.clock.advance(25 * 3_600_000);
    await send();
    expect(await countRows(t.database.handle.db, 'staff_notifications')).toBe(0);
  });
});

describe('digest mode', () => {
  it('several events in a day make one mail, at the digest hour', async () => {
    for (const staff of [french]) {
      t.clock.advance(30_000);
      await staff.client.login(staff.credentials, t.clock.now());
    }
    await french.client.http.expect(204, 'PUT', '/api/v1/staff/me/notifications', { mode: 'digest' });
    catcher.mails.length = 0;
    const reporter = new ReporterClient(t.baseUrl);
    const first = await reporter.file(slug, sampleReport('DIGEST-1'), { recipients: [french.accountId] });
    await new ReporterClient(t.baseUrl).file(slug, sampleReport('DIGEST-2'), { recipients: [french.accountId] });
    await reporter.openMailbox(first.token);
    await reporter.reply('Un complément');
    expect((await send()).lines).toEqual(['sent 0 mail(s)']);
    const mine = await french.client.http.expect<{ mode: string; mailOn: boolean; recent: { kind: string; sentAt: string | null }[] }>(200, 'GET', '/api/v1/staff/me/notifications');
    expect(mine.mode).toBe('digest');
    expect(mine.recent.filter((n) => n.sentAt === null).map((n) => n.kind).sort()).toEqual(['new_alert', 'new_alert', 'reporter_message']);
    t.clock.advance(26 * 3_600_000);
    expect((await send()).lines).toEqual(['sent 1 mail(s)']);
    const [digest] = catcher.to(`francaise@${slug}.fr`);
    expect(catcher.to(`francaise@${slug}.fr`)).toHaveLength(1);
    expect(digest!.subject).toBe(`Vigie — ${organisationName} : récapitulatif du jour`);
    expect(digest!.text).toContain('Une nouvelle alerte vous a été adressée. (×2)');
    expect(digest!.text).toContain('L’auteur d’une alerte que vous suivez a écrit un message.');
  });
});
