// The admin API as the administration pages call it, typed; every call goes through the session
// (a 401 ends it). Same routes the Node tests use.
import type { StaffAppContext } from '../../app-context.ts';

export type StaffRoleName = 'admin' | 'referent' | 'committee' | 'dpo';
export const ROLE_NAMES: readonly StaffRoleName[] = ['referent', 'committee', 'dpo', 'admin'];

export interface StaffAccount {
  id: string;
  email: string | null;
  displayName: string;
  roles: StaffRoleName[];
  status: 'invited' | 'active' | 'disabled';
  language: 'fr' | 'en';
  createdAt: string;
  activatedAt: string | null;
  disabledAt: string | null;
}

export interface Invitation {
  accountId: string;
  invitationCode: string;
  activationUrl: string;
  expiresAt: string;
}

export interface Bilingual {
  fr: string;
  en: string;
}

export type TextKey = 'whoCanReport' | 'whatHappensNext' | 'rights';
export const TEXT_KEYS: readonly TextKey[] = ['whoCanReport', 'whatHappensNext', 'rights'];

export interface Category {
  code: string;
  label: Bilingual;
  archived: boolean;
}

export interface IntakeSettings {
  texts: Record<TextKey, Bilingual>;
  customTexts: string[];
  admissibilityReviewWorkingDays: number;
  calendarRegion: string;
  recoveryPublicKey: string | null;
  autoAcknowledge: boolean;
  deadlines: { ackWorkingDays: number; feedbackMonths: number; meetingWorkingDays: number };
  offersMeetings: boolean;
  committee: { quorum: number; majority: string };
  retention: { noFollowUpMonths: number; followUpMaxMonths: number };
  /** Largest supporting document accepted, in bytes. */
  documentMaxBytes: number;
  categories: Category[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export interface AuditVerification {
  entriesChecked: number;
  firstBroken: { seq: number; reason: string } | null;
}

export function adminApi(ctx: StaffAppContext) {
  const http = ctx.session.client.http;
  const call = <T>(status: number, method: string, path: string, body?: unknown) => ctx.session.call(() => http.expect<T>(status, method, path, body));
  return {
    staff: () => call<{ staff: StaffAccount[] }>(200, 'GET', '/api/v1/admin/staff').then((answer) => answer.staff),
    invite: (input: { email: string; displayName: string; roles: StaffRoleName[]; language: 'fr' | 'en' }) => call<Invitation>(201, 'POST', '/api/v1/admin/staff', input),
    setRoles: (id: string, roles: StaffRoleName[]) => call<StaffAccount>(200, 'PUT', `/api/v1/admin/staff/${encodeURIComponent(id)}/roles`, { roles }),
    disable: (id: string) => call<StaffAccount>(200, 'POST', `/api/v1/admin/staff/${encodeURIComponent(id)}/disable`),
    reinvite: (id: string) => call<Invitation>(201, 'POST', `/api/v1/admin/staff/${encodeURIComponent(id)}/invitation`),
    settings: () => call<IntakeSettings>(200, 'GET', '/api/v1/admin/intake'),
    updateSettings: (change: Record<string, unknown>) => call<IntakeSettings>(200, 'PATCH', '/api/v1/admin/intake', change),
    addCategory: (input: { code: string; label: Bilingual }) => call<Category>(201, 'POST', '/api/v1/admin/categories', input),
    updateCategory: (code: string, change: { label?: Bilingual; position?: number; archived?: boolean }) =>
      call<Category>(200, 'PATCH', `/api/v1/admin/categories/${encodeURIComponent(code)}`, change),
    setRecoveryKey: (publicKey: string) => call<unknown>(204, 'PUT', '/api/v1/admin/recovery-key', { publicKey }),
    audit: (query: { after?: number; limit: number }) =>
      call<{ entries: AuditEntry[]; next: number | null }>(200, 'GET', `/api/v1/admin/audit?limit=${query.limit}${query.after === undefined ? '' : `&after=${query.after}`}`),
    verifyAudit: () => call<AuditVerification>(200, 'GET', '/api/v1/admin/audit/verification'),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
