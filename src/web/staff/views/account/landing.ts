// Where a staff member goes after logging in: the `next` path when it is a staff path (never
// elsewhere: no open redirect), else the first section their roles open.
import type { StaffSession } from '../../session.ts';

export function landingPath(session: StaffSession, next: string | null): string {
  const safe = next === null ? null : staffPathOf(next);
  if (safe) return safe;
  if (session.hasRole('referent', 'committee')) return '/staff/cases';
  if (session.hasRole('dpo')) return '/staff/dpo';
  if (session.hasRole('admin')) return '/staff/admin';
  return '/staff/account';
}

const NOT_A_LANDING = new Set(['/staff/login', '/staff/logout', '/staff/unlock', '/staff/activate']);

/** The normalised path when `path` is a same-origin path under /staff/, else null ("//host", "/staff/../x", backslashes refused). */
export function staffPathOf(path: string): string | null {
  if (!path.startsWith('/staff/') || path.includes('\\') || /[\u0000-\u001f]/.test(path)) return null;
  try {
    const resolved = new URL(path, 'https://vigie.invalid');
    if (resolved.origin !== 'https://vigie.invalid' || !resolved.pathname.startsWith('/staff/') || NOT_A_LANDING.has(resolved.pathname)) return null;
    resolved.searchParams.delete('lang');
    return resolved.pathname + resolved.search;
  } catch {
    return null;
  }
}
