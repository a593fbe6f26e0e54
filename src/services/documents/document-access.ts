// Who reaches which document. The reporter: their case's documents they wrote, and the staff's
// ones sent to them. Staff: holders of the case key, every delivered document and their own
// unfinished uploads. Anyone else gets the same 404 as for a document that does not exist.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/index.ts';
import { caseDocuments, cases } from '../../../db/schema.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { caseHeldBy } from '../case-access.ts';
import type { ReporterPrincipal } from '../mailbox-sessions.ts';
import type { StaffPrincipal } from '../staff-sessions.ts';

export type CaseParty =
  | { readonly kind: 'reporter'; readonly caseId: string; readonly organisationId: string }
  | { readonly kind: 'staff'; readonly caseId: string; readonly organisationId: string; readonly staff: StaffPrincipal };

export type DocumentRow = typeof caseDocuments.$inferSelect;

export async function reporterParty(db: Executor, reporter: ReporterPrincipal): Promise<CaseParty> {
  const [row] = await db.select({ organisationId: cases.organisationId }).from(cases).where(eq(cases.id, reporter.caseId));
  if (!row) throw new NotFoundError('This mailbox no longer exists.');
  return { kind: 'reporter', caseId: reporter.caseId, organisationId: row.organisationId };
}

export async function staffParty(db: Executor, staff: StaffPrincipal, caseId: string): Promise<CaseParty> {
  const { row } = await caseHeldBy(db, staff, caseId);
  return { kind: 'staff', caseId: row.id, organisationId: row.organisationId, staff };
}

export function isAuthor(party: CaseParty, document: DocumentRow): boolean {
  return party.kind === 'reporter' ? document.authorKind === 'reporter' : document.authorStaffId === party.staff.accountId;
}

export function isVisibleTo(party: CaseParty, document: DocumentRow): boolean {
  if (document.caseId !== party.caseId) return false;
  if (isAuthor(party, document)) return true;
  if (document.completedAt === null) return false;
  return party.kind === 'staff' || document.sharedWithReporter;
}

const NOT_FOUND = 'No such document in this case.';

/** The document if the party may see it, else 404; `lock` takes the row for update. */
export async function documentFor(db: Executor, party: CaseParty, documentId: string, options: { lock?: boolean } = {}): Promise<DocumentRow> {
  const query = db.select().from(caseDocuments).where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, party.caseId)));
  const [document] = options.lock ? await query.for('update') : await query;
  if (!document || !isVisibleTo(party, document)) throw new NotFoundError(NOT_FOUND);
  return document;
}

/** Documents of the case the party sees, oldest first. */
export async function documentsVisibleTo(db: Executor, party: CaseParty): Promise<DocumentRow[]> {
  const rows = await db.select().from(caseDocuments).where(eq(caseDocuments.caseId, party.caseId)).orderBy(caseDocuments.createdAt, caseDocuments.id);
  return rows.filter((document) => isVisibleTo(party, document));
}
