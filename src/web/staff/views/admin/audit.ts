// /staff/admin/audit: the organisation's audit log, newest first, a page at a time, and the hash
// chain's verification (intact with N entries, or the first entry that breaks it).
import type { StaffAppContext, View } from '../../app-context.ts';
import { element, formatDate, formMessage, pageHeading, problemDetail } from '../../ui.ts';
import { adminApi, type AuditEntry } from './admin-api.ts';
import { adminTexts, backToAdmin, whileBusy } from './admin-ui.ts';

const PAGE_SIZE = 50;

function actorOf(ctx: StaffAppContext, entry: AuditEntry): string {
  const a = adminTexts(ctx).audit;
  if (entry.actorKind === 'staff') return entry.actorName ?? (entry.actorId ? a.formerStaff(entry.actorId) : (a.actors['unknown'] ?? ''));
  return a.actors[entry.actorKind] ?? entry.actorKind;
}

/** Ids, counts and reasons only (the log never holds content): shown as "key: value" pairs. */
function detailsOf(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

export const auditView: View = async (ctx, _params, query) => {
  const t = adminTexts(ctx);
  const a = t.audit;
  const api = adminApi(ctx);
  const afterText = query.get('after');
  const after = afterText && /^\d{1,9}$/.test(afterText) ? Number(afterText) : undefined;
  const [page, staff] = await Promise.all([api.audit({ limit: PAGE_SIZE, ...(after === undefined ? {} : { after }) }), api.staff()]);
  // Entries about a staff account name it by its id: show the person's name beside it.
  const names = new Map(staff.map((account) => [account.id, account.displayName]));
  const subjectOf = (id: string | null) => (id === null ? '' : names.has(id) ? `${names.get(id)} (${id.slice(0, 8)})` : id);

  const rows = page.entries.map((entry) =>
    element(
      'tr',
      {},
      element('td', {}, String(entry.seq)),
      element('td', {}, element('time', { datetime: entry.at }, formatDate(entry.at, ctx.language, true))),
      element('td', {}, actorOf(ctx, entry)),
      element('td', {}, element('code', {}, entry.action)),
      element('td', { class: 'audit-subject' }, subjectOf(entry.subjectId)),
      element('td', { class: 'audit-details' }, detailsOf(entry.details)),
    ),
  );
  const table = element(
    'table',
    { class: 'data audit-log' },
    element('caption', {}, a.caption),
    element('thead', {}, element('tr', {}, ...[a.columns.seq, a.columns.at, a.columns.actor, a.columns.action, a.columns.subject, a.columns.details].map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, ...rows),
  );
  const pager = element(
    'nav',
    { class: 'pager', 'aria-label': a.title },
    after === undefined ? null : element('a', { href: ctx.href('/staff/admin/audit') }, a.newer),
    page.next === null ? null : element('a', { href: ctx.href(`/staff/admin/audit?after=${page.next}`), rel: 'next' }, a.more),
  );

  const result = formMessage();
  const verify = element('button', { type: 'button', class: 'primary' }, a.verify);
  verify.addEventListener('click', () => {
    result.clear();
    void whileBusy(verify, a.verifying, async () => {
      try {
        const verification = await api.verifyAudit();
        if (verification.firstBroken === null) result.success(a.intact(verification.entriesChecked));
        else result.error(`${a.broken(verification.firstBroken.seq, verification.entriesChecked)} ${a.brokenReason} ${verification.firstBroken.reason}`);
      } catch (error) {
        result.error(problemDetail(error, t.failed));
      }
    });
  });

  const content = element(
    'section',
    { class: 'admin-page' },
    backToAdmin(ctx),
    pageHeading(a.title),
    element('p', {}, a.intro),
    element('div', { class: 'actions' }, verify),
    result.element,
    page.entries.length === 0 ? element('p', {}, a.empty) : element('div', { class: 'table-scroll' }, table),
    pager.childElementCount > 0 ? pager : null,
  );
  return { title: a.title, content };
};
