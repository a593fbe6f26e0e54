// Security headers on pages and on the API, including error answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '../../src/client/staff-client.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { totpCodeAt } from '../../src/crypto/totp.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const targets = [
  ['the home page', 'GET', '/'],
  ['the stylesheet', 'GET', '/assets/vigie.css'],
  ['health', 'GET', '/health'],
  ['an API refusal (401)', 'GET', '/api/v1/staff/me'],
  ['an API answer', 'POST', '/api/v1/staff/prelogin'],
  ['an unknown path (404)', 'GET', '/nowhere'],
] as const;

describe.each(targets)('%s', (_label, method, path) => {
  it('carries the security headers', async () => {
    const response = await fetch(t.baseUrl + path, {
      method,
      ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organisation: 'none', email: 'a@b.fr' }) } : {}),
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('home page', () => {
  it('is French first with an English section, and has no inline script or style', async () => {
    const html = await (await fetch(t.baseUrl + '/')).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('lang="en"');
    expect(html).not.toMatch(/<script|style=|<style/);
  });
});

describe('cookies over HTTPS', () => {
  it('use the __Host- prefix and Secure when PUBLIC_URL is https', async () => {
    const secure = await startTestApp({ PUBLIC_URL: 'https://alertes.example.fr' });
    try {
      const created = await createOrganisation(secure.services, { slug: 'https-org', name: 'HTTPS', adminEmail: 'a@https.fr', adminName: 'A' });
      const client = new StaffClient(secure.baseUrl);
      const activated = await client.activate({ code: created.adminInvitation.code, passphrase: 'long enough passphrase', at: secure.clock.now() });
      secure.clock.advance(30_000);
      const secrets = await client.deriveAuthValue('https-org', 'a@https.fr', 'long enough passphrase');
      const response = await fetch(`${secure.baseUrl}/api/v1/staff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organisation: 'https-org', email: 'a@https.fr', authValue: toBase64Url(secrets.authValue), totpCode: await totpCodeAt(activated.totpSecret, secure.clock.now()) }),
      });
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^__Host-vigie_staff=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Strict/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('API description', () => {
  it('serves the OpenAPI document built from the route schemas at /api/docs', async () => {
    const doc = (await (await fetch(`${t.baseUrl}/api/docs`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/staff/prelogin',
        '/api/v1/staff/session',
        '/api/v1/admin/staff/{id}/roles',
        '/api/v1/orgs/{slug}/intake',
        '/api/v1/orgs/{slug}/reports',
        '/api/v1/challenges',
        '/api/v1/mailbox/session',
        '/api/v1/mailbox',
        '/api/v1/mailbox/messages',
        '/api/v1/cases',
        '/api/v1/cases/{id}',
        '/api/v1/cases/{id}/messages',
        '/api/v1/keys/receipt',
        '/api/v1/admin/intake',
      ]),
    );
  });
});

describe('health', () => {
  it('answers 503 when the database is unreachable', async () => {
    const broken = await startTestApp();
    try {
      await broken.database.handle.close();
      const response = await fetch(`${broken.baseUrl}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    } finally {
      await broken.close();
    }
  });
});
