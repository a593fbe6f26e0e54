// bulkInsert: many rows in one statement through JSON, on the real database of the run (PGlite or
// PostgreSQL), with every kind of value the purge and the audit log write.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { auditLog, caseTombstones, organisations } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let database: TestDatabase;
const organisationId = '6a7e3c1e-0b0a-4f43-9d4e-6f1f3d1a2b3c';

beforeAll(async () => {
  database = await createTestDatabase();
  await database.handle.db.insert(organisations).values({ id: organisationId, slug: 'bulk-insert', name: 'Bulk insert', createdAt: new Date() });
});
afterAll(() => database.drop());

describe('bulkInsert', () => {
  it('writes bytes, jsonb, timestamps, nulls, quotes and accents exactly as a VALUES insert would', async () => {
    const at = new Date('2026-11-23T01:02:03.456Z');
    const rows = [0, 1, 2].map((i) => ({
      organisationId,
      seq: i + 1,
      at,
      actorKind: 'system' as const,
      actorId: null,
      action: `case.purged "${i}" l'été \\ ${'é'.repeat(i)}`,
      subjectId: i === 1 ? null : `subject-${i}`,
      details: { rule: 'R1', nested: { list: [i, null, 'x'] }, quote: '"\\' },
      prevHash: new Uint8Array([0, 255, i, 92, 34]),
      hash: new Uint8Array(32).fill(i),
    }));
    await bulkInsert(database.handle.db, auditLog, rows);
    const stored = await database.handle.db.select().from(auditLog).where(eq(auditLog.organisationId, organisationId)).orderBy(asc(auditLog.seq));
    expect(stored.map(({ id: _id, ...row }) => ({ ...row, prevHash: [...row.prevHash], hash: [...row.hash] }))).toEqual(
      rows.map((row) => ({ ...row, prevHash: [...row.prevHash], hash: [...row.hash] })),
    );
  });

  it('inserts nothing for no rows, and one bad row fails the whole statement', async () => {
    await bulkInsert(database.handle.db, caseTombstones, []);
    const tombstone = {
      organisationId,
      category: 'fraud',
      receivedMonth: '2026-01',
      closedMonth: '2026-02',
      outcome: 'inadmissible' as const,
      followUpKind: null,
      rule: 'R1' as const,
      daysToAcknowledgement: null,
      daysToClosure: 12,
      feedbackOnTime: true,
      purgedAt: new Date(),
    };
    const id = 'c0ffee00-0000-4000-8000-000000000001';
    await expect(bulkInsert(database.handle.db, caseTombstones, [{ ...tombstone, id }, { ...tombstone, id }])).rejects.toThrow();
    expect(await database.handle.db.$count(caseTombstones)).toBe(0);
    await bulkInsert(database.handle.db, caseTombstones, [{ ...tombstone, id }]);
    expect(await database.handle.db.select().from(caseTombstones)).toEqual([{ ...tombstone, id }]);
  });
});
