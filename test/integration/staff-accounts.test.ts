// Story: an organisation is created, its admin and a referent activate and log in with
// TOTP; wrong factors are refused and throttled; logout, disabling and timeouts end sessions;
// prelogin does not reveal who exists; the audit chain verifies and detects tampering.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, staffAccounts } from '../../db/schema.ts';
import { StaffClient } from '../../src/client/staff-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { totpCodeAt } from '../../src/crypto/totp.ts';
import { verifyAuditChain } from '../../src/services/audit-log.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { activateAndLogin, inviteStaff, newOrganisationWithAdmin, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let organisation: { id: string; slug: string };
let admin: ActiveStaff;

beforeAll(async () => {
  t = await startTestApp();
  ({ organisation, admin } = await newOrganisationWithAdmin(t, 'ville-exemple'));
});
afterAll(() => t.close());

const loginBody = async (client: StaffClient, email: string, passphrase: string, totpSecret: string, at: Date) => {
  const secrets = await client.deriveAuthValue(organisation.slug, email, passphrase);
  return { organisation: organisation.slug, email, authValue: toBase64Url(secrets.authValue), totpCode: await totpCodeAt(totpSecret, at) };
};

describe('activation and login', () => {
  it('gives the admin a session and its own private key, which matches its public key', async () => {
    expect(admin.client.self?.roles).toEqual(['admin']);
    expect(admin.client.privateKey).toHaveLength(32);
    const me = await admin.client.http.expect<{ id: string; publicKey: string }>(200, 'GET', '/api/v1/staff/me');
    expect(me.id).toBe(admin.accountId);
    const sodium = await (await import('../../src/crypto/sodium.ts')).getSodium();
    expect(toBase64Url(sodium.crypto_scalarmult_base(admin.client.privateKey!))).toBe(me.publicKey);
  });

  it('stores neither the passphrase nor the auth value, only an argon2id hash', async () => {
    const [row] = await t.database.handle.db.select().from(staffAccounts).where(eq(staffAccounts.id, admin.accountId));
    expect(row?.authHash).toMatch(/^\$argon2id\$/);
    const dump = JSON.stringify(row);
    expect(dump).not.toContain(admin.credentials.passphrase);
    const secrets = await admin.client.deriveAuthValue(organisation.slug, admin.credentials.email, admin.credentials.passphrase);
    expect(dump).not.toContain(toBase64Url(secrets.authValue));
    expect(dump).not.toContain(admin.credentials.totpSecret);
  });

  it('refuses an invitation code a second time', async () => {
    const created = await createOrganisation(t.services, { slug: 'reuse-test', name: 'Reuse', adminEmail: 'a@reuse.fr', adminName: 'A' });
    await activateAndLogin(t, created.adminInvitation.code, 'a@reuse.fr');
    const again = await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/activation', { code: created.adminInvitation.code });
    expect(again.status).toBe(410);
  });

  it('refuses an expired invitation', async () => {
    const invited = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: 'late@ville.fr', displayName: 'Late', roles: ['referent'] });
    t.clock.advance(73 * 3_600_000);
    const answer = await new StaffClient(t.baseUrl).http.send<{ code: string }>('POST', '/api/v1/staff/activation', { code: invited.invitationCode });
    expect(answer.status).toBe(410);
    expect(answer.body.code).toBe('invitation_expired');
    // The admin's session idled out during those 73 hours: log in again for the next tests.
    t.clock.advance(30_000);
    await admin.client.login(admin.credentials, t.clock.now());
  });

  it('lets an invitation without e-mail (CLI) choose its login e-mail at activation', async () => {
    const created = await createOrganisation(t.services, { slug: 'no-email', name: 'No e-mail', adminEmail: null, adminName: 'Admin' });
    const staff = await activateAndLogin(t, created.adminInvitation.code, 'chosen@no-email.fr');
    expect(staff.client.self?.email).toBe('chosen@no-email.fr');
  });
});

describe('refusals and throttling', () => {
  let referent: ActiveStaff;
  beforeAll(async () => {
    referent = await inviteStaff(t, admin, ['referent'], 'referent@ville.fr');
  });

  it('refuses a wrong TOTP code with the same answer as a wrong passphrase', async () => {
    const { email, passphrase, totpSecret } = referent.credentials;
    t.clock.advance(30_000);
    const wrongTotp = { ...(await loginBody(referent.client, email, passphrase, totpSecret, t.clock.now())), totpCode: '000000' };
    const a = await new StaffClient(t.baseUrl).http.send<{ code: string; detail: string }>('POST', '/api/v1/staff/session', wrongTotp);
    const wrongPass = await loginBody(referent.client, email, 'not the passphrase', totpSecret, t.clock.now());
    const b = await new StaffClient(t.baseUrl).http.send<{ code: string; detail: string }>('POST', '/api/v1/staff/session', wrongPass);
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body).toEqual(b.body);
    expect(a.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a TOTP code that was already used (replay)', async () => {
    const { email, passphrase, totpSecret } = referent.credentials;
    t.clock.advance(30_000);
    const body = await loginBody(referent.client, email, passphrase, totpSecret, t.clock.now());
    const first = await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', body);
    const replay = await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', body);
    expect([first.status, replay.status]).toEqual([200, 401]);
  });

  it('locks the account after repeated failures, even with the right factors, then lets it in after the wait', async () => {
    const { email, passphrase, totpSecret } = referent.credentials;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const wrong = await loginBody(referent.client, email, `wrong ${i}`, totpSecret, t.clock.now());
      statuses.push((await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', wrong)).status);
    }
    // The successful login above cleared the counter; the replay was failure 1. The 5th
    // failure is still answered 401 and sets the lock; from then on, 429 without checking.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    t.clock.advance(10_000);
    const right = await loginBody(referent.client, email, passphrase, totpSecret, t.clock.now());
    const locked = await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', right);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(60_000);
    await referent.client.login(referent.credentials, t.clock.now());
    expect(referent.client.self?.email).toBe('referent@ville.fr');
  });

  it('throttles an unknown e-mail exactly like a known one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const body = { organisation: organisation.slug, email: 'nobody@ville.fr', authValue: toBase64Url(new Uint8Array(32).fill(i)), totpCode: '123456' };
      statuses.push((await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', body)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('prelogin', () => {
  it('answers for an unknown e-mail in the same shape, deterministically, with a different salt', async () => {
    const http = new StaffClient(t.baseUrl).http;
    const known = await http.expect<{ salt: string; kdf: unknown }>(200, 'POST', '/api/v1/staff/prelogin', { organisation: organisation.slug, email: admin.credentials.email });
    const unknown1 = await http.expect<{ salt: string; kdf: unknown }>(200, 'POST', '/api/v1/staff/prelogin', { organisation: organisation.slug, email: 'ghost@ville.fr' });
    const unknown2 = await http.expect<{ salt: string; kdf: unknown }>(200, 'POST', '/api/v1/staff/prelogin', { organisation: organisation.slug, email: 'GHOST@ville.fr' });
    expect(Object.keys(unknown1).sort()).toEqual(Object.keys(known).sort());
    expect(unknown1.kdf).toEqual(known.kdf);
    expect(unknown1.salt).toHaveLength(known.salt.length);
    expect(unknown1.salt).toBe(unknown2.salt);
    expect(unknown1.salt).not.toBe(known.salt);
  });
});

describe('sessions end', () => {
  it('on logout: the old cookie no longer works and Clear-Site-Data is sent', async () => {
    const staff = await inviteStaff(t, admin, ['dpo'], 'dpo@ville.fr');
    const cookieName = staff.client.http.cookieNames()[0]!;
    const cookieValue = staff.client.http.cookie(cookieName)!;
    const answer = await staff.client.http.send('DELETE', '/api/v1/staff/session');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('clear-site-data')).toContain('"cookies"');
    const replayed = new StaffClient(t.baseUrl);
    replayed.http.setCookie(cookieName, cookieValue);
    expect((await replayed.http.send('GET', '/api/v1/staff/me')).status).toBe(401);
  });

  it('after 30 idle minutes and after 12 hours at most', async () => {
    const staff = await inviteStaff(t, admin, ['committee'], 'committee@ville.fr');
    t.clock.advance(29 * 60_000);
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(401);

    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      t.clock.advance(20 * 60_000);
      expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(200);
    }
    t.clock.advance(20 * 60_000);
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(401);
    t.clock.advance(30_000);
    await admin.client.login(admin.credentials, t.clock.now());
  });

  it('gives a new session id at each login', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'rotation@ville.fr');
    const name = staff.client.http.cookieNames()[0]!;
    const before = staff.client.http.cookie(name);
    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
    expect(staff.client.http.cookie(name)).not.toBe(before);
  });

  it('when an admin disables the account: its live session dies and it cannot log in', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'leaving@ville.fr');
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(200);
    await admin.client.http.expect(200, 'POST', `/api/v1/admin/staff/${staff.accountId}/disable`);
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(401);
    t.clock.advance(30_000);
    const body = await loginBody(staff.client, staff.credentials.email, staff.credentials.passphrase, staff.credentials.totpSecret, t.clock.now());
    const answer = await new StaffClient(t.baseUrl).http.send<{ code: string }>('POST', '/api/v1/staff/session', body);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('account_disabled');
  });

  it('passphrase change: the new one works, the old one does not, other sessions end', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'changer@ville.fr');
    const other = new StaffClient(t.baseUrl);
    t.clock.advance(30_000);
    await other.login(staff.credentials, t.clock.now());
    const keyBefore = staff.client.privateKey;
    await staff.client.changePassphrase(staff.credentials, 'a brand new long passphrase');
    expect((await other.http.send('GET', '/api/v1/staff/me')).status).toBe(401);
    expect((await staff.client.http.send('GET', '/api/v1/staff/me')).status).toBe(200);
    t.clock.advance(30_000);
    const relog = new StaffClient(t.baseUrl);
    await relog.login({ ...staff.credentials, passphrase: 'a brand new long passphrase' }, t.clock.now());
    expect(relog.privateKey).toEqual(keyBefore);
    t.clock.advance(30_000);
    await expect(new StaffClient(t.baseUrl).login(staff.credentials, t.clock.now())).rejects.toThrow(/401/);
  });
});

describe('administration', () => {
  it('changes roles, refuses to remove the last admin, and hides other organisations', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'roles@ville.fr');
    const updated = await admin.client.http.expect<{ roles: string[] }>(200, 'PUT', `/api/v1/admin/staff/${staff.accountId}/roles`, { roles: ['referent', 'committee'] });
    expect(updated.roles).toEqual(['committee', 'referent']);
    const lastAdmin = await admin.client.http.send<{ code: string }>('PUT', `/api/v1/admin/staff/${admin.accountId}/roles`, { roles: ['referent'] });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.code).toBe('last_admin');
    // A non-admin is refused; an admin of another organisation sees nothing of this one.
    expect((await staff.client.http.send('GET', '/api/v1/admin/staff')).status).toBe(403);
    const other = await newOrganisationWithAdmin(t, 'autre-commune');
    expect((await other.admin.client.http.send('POST', `/api/v1/admin/staff/${staff.accountId}/disable`)).status).toBe(404);
    const list = await other.admin.client.http.expect<{ staff: { email: string }[] }>(200, 'GET', '/api/v1/admin/staff');
    expect(list.staff.map((s) => s.email)).toEqual(['admin@autre-commune.fr']);
  });
});

describe('invitations again', () => {
  it('re-invites an account whose invitation expired', async () => {
    const invited = await admin.client.http.expect<{ accountId: string; invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: 'slow@ville.fr', displayName: 'Slow', roles: ['referent'] });
    t.clock.advance(73 * 3_600_000);
    t.clock.advance(30_000);
    await admin.client.login(admin.credentials, t.clock.now());
    const again = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', `/api/v1/admin/staff/${invited.accountId}/invitation`);
    expect((await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/activation', { code: invited.invitationCode })).status).toBe(404);
    t.clock.advance(30_000);
    const staff = await activateAndLogin(t, again.invitationCode, 'slow@ville.fr');
    expect(staff.accountId).toBe(invited.accountId);
  });

  it('refuses to re-invite an active account, and re-invites a disabled one with new keys', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'lost-phone@ville.fr');
    const active = await admin.client.http.send<{ code: string }>('POST', `/api/v1/admin/staff/${staff.accountId}/invitation`);
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('account_active');
    await admin.client.http.expect(200, 'POST', `/api/v1/admin/staff/${staff.accountId}/disable`);
    const again = await admin.client.http.expect<{ invitationCode: string }>(201, 'POST', `/api/v1/admin/staff/${staff.accountId}/invitation`);
    // Until activated again, the old factors no longer log in.
    t.clock.advance(30_000);
    await expect(new StaffClient(t.baseUrl).login(staff.credentials, t.clock.now())).rejects.toThrow(/401/);
    t.clock.advance(30_000);
    const back = await activateAndLogin(t, again.invitationCode, 'lost-phone@ville.fr', 'a new passphrase after the lost phone');
    expect(back.client.self?.publicKey).not.toBe(staff.client.self?.publicKey);
  });
});

describe('throttling over time', () => {
  it('forgets failures after a day, and counts wrong current passphrases at passphrase change', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'forgetful@ville.fr');
    const wrongLogin = async () => {
      const body = await loginBody(staff.client, staff.credentials.email, 'wrong', staff.credentials.totpSecret, t.clock.now());
      return (await new StaffClient(t.baseUrl).http.send('POST', '/api/v1/staff/session', body)).status;
    };
    for (let i = 0; i < 4; i++) expect(await wrongLogin()).toBe(401);
    t.clock.advance(25 * 3_600_000);
    // Four failures a day ago are forgotten: four more are still allowed before the lock.
    for (let i = 0; i < 4; i++) expect(await wrongLogin()).toBe(401);
    t.clock.advance(25 * 3_600_000);

    t.clock.advance(30_000);
    await staff.client.login(staff.credentials, t.clock.now());
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const current = await staff.client.deriveAuthValue(organisation.slug, staff.credentials.email, `wrong ${i}`);
      const answer = await staff.client.http.send('POST', '/api/v1/staff/me/passphrase', {
        currentAuthValue: toBase64Url(current.authValue),
        salt: toBase64Url(new Uint8Array(16)),
        authValue: toBase64Url(new Uint8Array(32)),
        sealedPrivateKey: staff.client.self!.sealedPrivateKey,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The admin's session idled out during those two days.
    t.clock.advance(30_000);
    await admin.client.login(admin.credentials, t.clock.now());
  });
});

describe('server key trouble', () => {
  it('answers a generic 500 (not a 4xx) when data.key does not open a TOTP seed, and logs only the error type', async () => {
    const staff = await inviteStaff(t, admin, ['referent'], 'broken-seed@ville.fr');
    const [row] = await t.database.handle.db.select().from(staffAccounts).where(eq(staffAccounts.id, staff.accountId));
    const sealed = row!.totpSecretSealed!.slice();
    sealed[40] = (sealed[40] ?? 0) ^ 0xff;
    await t.database.handle.db.update(staffAccounts).set({ totpSecretSealed: sealed }).where(eq(staffAccounts.id, staff.accountId));
    t.clock.advance(30_000);
    const body = await loginBody(staff.client, staff.credentials.email, staff.credentials.passphrase, staff.credentials.totpSecret, t.clock.now());
    const answer = await new StaffClient(t.baseUrl).http.send<{ status: number; detail: string }>('POST', '/api/v1/staff/session', body);
    expect(answer.status).toBe(500);
    expect(answer.body.detail).toMatch(/^Something went wrong on our side/);
    const logged = t.logs.filter((line) => line.includes('unhandled error')).join('');
    expect(logged).toContain('DataKeyMismatchError');
    expect(logged).not.toContain('restore the original');
  });
});

describe('audit log', () => {
  it('records the story, verifies, and names the first tampered entry', async () => {
    const db = t.database.handle.db;
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organisationId, organisation.id))).map((r) => r.action);
    for (const action of ['organisation.created', 'staff.invited', 'staff.activated', 'staff.login', 'staff.login_failed', 'staff.logout', 'staff.disabled', 'staff.roles_changed', 'staff.passphrase_changed', 'staff.login_refused_disabled']) {
      expect(actions).toContain(action);
    }
    const clean = await verifyAuditChain(db, organisation.id);
    expect(clean.firstBroken).toBeNull();
    expect(clean.entriesChecked).toBe(actions.length);

    await db.update(auditLog).set({ details: { factor: 'forged' } }).where(and(eq(auditLog.organisationId, organisation.id), eq(auditLog.seq, 5)));
    const tampered = await verifyAuditChain(db, organisation.id);
    expect(tampered.firstBroken?.seq).toBe(5);
    expect(tampered.firstBroken?.reason).toMatch(/altered/);

    await db.delete(auditLog).where(and(eq(auditLog.organisationId, organisation.id), eq(auditLog.seq, 3)));
    expect((await verifyAuditChain(db, organisation.id)).firstBroken?.seq).toBe(4);
  });

});
