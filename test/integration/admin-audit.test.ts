// An admin reads their organisation's audit log, page by page in either order, with the actors'
// names, and has the hash chain verified: intact with N entries, or the first entry that was
// altered. Reading is audited too; other roles and other organisations see nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import { newOrganisationWithAdmin, organisationWithReferents, type ActiveStaff } from '../helpers/factories.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

interface Entry {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}
interface Page {
  entries: Entry[];
  next: number | null;
}
interface Verification {
  entriesChecked: number;
  firstBroken: { seq: number; reason: string } | null;
}

let t: TestApp;
let organisationId: string;
let admin: ActiveStaff;
let referent: ActiveStaff;
let otherAdmin: ActiveStaff;

beforeAll(async () => {
  t = await startTestApp();
  const org = await organisationWithReferents(t, 1);
  organisationId = org.organisation.id;
  admin = org.admin;
  referent = org.referents[0]!;
  otherAdmin = (await newOrganisationWithAdmin(t)).admin;
});
afterAll(async () => t.close());

const page = (who: ActiveStaff, query = '') => who.client.http.expect<Page>(200, 'GET', `/api/v1/admin/audit${query}`);

describe('the audit log, page by page', () => {
  it('lists the newest entries first with who acted, and pages back with the cursor', async () => {
    const first = await page(admin, '?limit=3');
    expect(first.entries).toHaveLength(3);
    const seqs = first.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(first.next).toBe(seqs[2]);
    const second = await page(admin, `?limit=3&after=${String(first.next)}`);
    expect(second.entries[0]!.seq).toBe(seqs[2]! - 1);

        const everything = await page(admin, '?order=oldest&limit=500');
    expect(everything.entries.map((e) => e.seq)).toEqual(everything.entries.map((_, i) => i + 1));
    expect(everything.next).toBeNull();
    // The first admin was invited by the platform operator (CLI), the referent by the admin
    expect(everything.entries.find((e) => e.action === 'staff.invited')).toMatchObject({ actorKind: 'operator', actorName: null });
    const invited = everything.entries.filter((e) => e.action === 'staff.invited').at(-1);
    expect(invited).toMatchObject({ actorKind: 'staff', actorId: admin.accountId, actorName: 'Admin' });
    expect(everything.entries.some((e) => e.actorId === referent.accountId)).toBe(true);
    expect(Date.parse(everything.entries[0]!.at)).not.toBeNaN();
  });

  it('records each reading as admin.audit_viewed', async () => {
    await page(admin, '?limit=2');
    const newest = await page(admin, '?limit=1');
    expect(newest.entries[0]).toMatchObject({ action: 'admin.audit_viewed', actorId: admin.accountId, details: { entries: 2, order: 'newest' } });
  });

  it('shows each organisation its own chain only, and refuses other roles and bad cursors', async () => {
    const other = await page(otherAdmin, '?order=oldest&limit=500');
    expect(other.entries.every((e) => e.actorId !== admin.accountId && e.actorId !== referent.accountId)).toBe(true);
    expect((await referent.client.http.send('GET', '/api/v1/admin/audit')).status).toBe(403);
    expect((await referent.client.http.send('GET', '/api/v1/admin/audit/verification')).status).toBe(403);
    for (const query of ['?after=-1', '?after=abc', '?limit=0', '?limit=501', '?order=random', '?colour=red']) {
      expect((await admin.client.http.send('GET', `/api/v1/admin/audit${query}`)).status, query).toBe(400);
    }
  });
});

describe('verifying the chain', () => {
  it('says the chain is intact and how many entries it checked, and records the check', async () => {
    const count = await t.services.db.$count(auditLog, eq(auditLog.organisationId, organisationId));
    const result = await admin.client.http.expect<Verification>(200, 'GET', '/api/v1/admin/audit/verification');
    expect(result).toEqual({ entriesChecked: count, firstBroken: null });
    const newest = await page(admin, '?limit=1');
    expect(newest.entries[0]).toMatchObject({ action: 'admin.audit_viewed', details: { verification: true, entriesChecked: count, intact: true } });
  });

  it('names the first altered entry', async () => {
    await t.services.db
      .update(auditLog)
      .set({ details: { rewritten: true } })
      .where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.seq, 3)));
    const result = await admin.client.http.expect<Verification>(200, 'GET', '/api/v1/admin/audit/verification');
    expect(result.entriesChecked).toBe(2);
    expect(result.firstBroken).toMatchObject({ seq: 3, reason: expect.stringContaining('altered') as string });
    // The other organisation's chain is untouched
    expect((await otherAdmin.client.http.expect<Verification>(200, 'GET', '/api/v1/admin/audit/verification')).firstBroken).toBeNull();
  });
});
