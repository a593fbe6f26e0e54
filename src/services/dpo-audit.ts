// Every DPO action is audited, reads included (what was looked at, never what it showed).
import { appendAudit, type AuditEvent } from './audit-log.ts';
import type { ServiceContext } from './context.ts';
import type { StaffPrincipal } from './staff-sessions.ts';

export function auditDpo(ctx: ServiceContext, dpo: StaffPrincipal, action: string, details: AuditEvent['details'] = {}): Promise<void> {
  return ctx.db.transaction((tx) => appendAudit(tx, ctx.clock.now(), { organisationId: dpo.organisationId, actorKind: 'staff', actorId: dpo.accountId, action, details }));
}
