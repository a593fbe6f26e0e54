// The account pages' sentence for an API refusal: known codes in the page's language, else the
// problem's own detail, else a generic sentence.
import { HttpError } from '../../../../client/http.ts';
import type { StaffAccountTexts } from '../../../../i18n/staff/account.ts';
import { problemCode, problemDetail } from '../../ui.ts';

export function accountErrorText(error: unknown, t: StaffAccountTexts): string {
  const code = problemCode(error);
  const e = t.errors;
  const byCode: Record<string, string> = {
    bad_credentials: e.badCredentials,
    account_disabled: e.accountDisabled,
    too_many_requests: e.tooManyAttempts,
    invitation_used: e.invitationUsed,
    invitation_expired: e.invitationExpired,
    invitation_revoked: e.invitationInvalid,
    totp_invalid: e.totpInvalid,
    email_taken: e.emailTaken,
    email_required: e.emailRequired,
  };
  if (code && byCode[code]) return byCode[code];
  if (error instanceof HttpError && error.status === 429) return e.tooManyAttempts;
  return problemDetail(error, e.unexpected);
}
