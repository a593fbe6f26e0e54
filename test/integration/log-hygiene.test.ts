// Captures every log line of a whole staff story (activation, logins right and wrong,
// administration, bad input, logout) and finds no client address, user agent, passphrase,
// auth value, TOTP seed, invitation code or session id in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '../../src/client/staff-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const USER_AGENT = 'Mozilla/5.0 (Marker-UA-7f3a9c)';
let t: TestApp;
const secrets: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'trace' });
});
afterAll(() => t.close());

describe('logs', () => {
  it('never carry an address, user agent, passphrase, auth value, seed, code or session id', async () => {
    const passphrase = 'Marker passphrase 1b2c3d';
    const created = await createOrganisation(t.services, { slug: 'log-org', name: 'Logs', adminEmail: 'admin@log.fr', adminName: 'Admin' });
    secrets.push(created.adminInvitation.code);
    const client = new StaffClient(t.baseUrl);
    const send = client.http.send.bind(client.http);
    client.http.send = (method, path, body, headers = {}) => send(method, path, body, { ...headers, 'user-agent': USER_AGENT, 'x-forwarded-for': '203.0.113.77' });

    const activated = await client.activate({ code: created.adminInvitation.code, passphrase, at: t.clock.now() });
    secrets.push(activated.totpSecret, passphrase);
    t.clock.advance(30_000);
    const credentials = { organisation: 'log-org', email: 'admin@log.fr', passphrase, totpSecret: activated.totpSecret };
    await client.login(credentials, t.clock.now());
    const derived = await client.deriveAuthValue('log-org', 'admin@log.fr', passphrase);
    secrets.push(toBase64Url(derived.authValue));
    const cookieName = client.http.cookieNames()[0]!;
    secrets.push(client.http.cookie(cookieName)!);

    const invited = await client.http.expect<{ invitationCode: string }>(201, 'POST', '/api/v1/admin/staff', { email: 'ref@log.fr', displayName: 'Ref', roles: ['referent'] });
    secrets.push(invited.invitationCode);
    await client.http.send('POST', '/api/v1/staff/session', { organisation: 'log-org', email: 'admin@log.fr', authValue: toBase64Url(new Uint8Array(32)), totpCode: '000000' });
    await client.http.send('POST', '/api/v1/staff/prelogin', { organisation: 'log-org', email: 'admin@log.fr', passphrase });
    await client.http.send('POST', '/api/v1/staff/activation', { code: 'not base64 !' });
    await client.logout();

    const all = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(10);
    for (const forbidden of [USER_AGENT, 'Marker-UA', '203.0.113.77', 'remoteAddress', 'remotePort', 'user-agent', 'cookie', ...secrets]) {
      expect(all, `log contains ${forbidden}`).not.toContain(forbidden);
    }
    // The only address in the logs is the server's own listening line.
    const lines = t.logs.filter((line) => line.includes('127.0.0.1'));
    expect(lines.every((line) => line.includes('Server listening at'))).toBe(true);
  });
});
